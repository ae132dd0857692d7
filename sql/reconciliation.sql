-- Question: does every printed total that the registers can speak to agree
--   with the registered conversations, and where not, by how much?
-- Grain:    one row per printed total (table printed_totals, loaded from the
--   published totals.csv) that the registers cover.
-- Columns:  year, organisation, label, source_table, printed (the printed
--   figure), computed (the same figure from the registers: a count, or for
--   percentages a whole percent), conversations (conversations in the
--   figure's scope), missing (conversations in scope without the value the
--   figure counts), difference (computed - printed), status: 'match',
--   'match, values missing' (the printed figure equals its registered parts,
--   but some conversations lack the value) or 'differs'.
-- Percentages: 'percent met AKJ-ondersteuning' is conversations with AKJ
--   support over all conversations of the organisation in the year.
with scope as (
    select c.*,
           exists (select 1 from conversation_categories cc
                   where cc.conversation_id = c.conversation_id and cc.category is not null) as has_category
    from conversations c
),
per_org as (
    select year, organisation, organisation_in_year,
           count(*) as conversations,
           count(complainant) as with_complainant,
           count(measure) as with_measure,
           count(support) as with_support,
           count(*) filter (where has_category) as with_category,
           count(*) filter (where support = 'AKJ') as with_akj,
           count(*) filter (where request_other_worker) as requests,
           count(request_other_worker) as with_request_field
    from scope
    where organisation is not null
    group by all
),
per_year as (
    select year, count(*) as conversations, count(*) filter (where support = 'AKJ') as with_akj
    from scope group by year
),
figures(table_prefix, year, organisation, label, computed, conversations, missing) as (
    select '1.1 Aantal klachten (', year, organisation, organisation || ' Totaal', conversations, conversations, 0
    from per_org where organisation = 'SAVE Jeugdbescherming'
    union all
    select '1.1 Aantal klachten (', year, 'Samen Veilig Midden-Nederland', 'Totaal Samen Veilig Midden-Nederland', conversations, conversations, 0
    from per_year
    union all
    select '1.1 Aantal klachtgesprekken 2019', year, organisation_in_year, 'Totaal ' || organisation_in_year, conversations, conversations, 0
    from per_org where organisation = 'SAVE Jeugdbescherming'
    union all
    select '1.1 Aantal klachtgesprekken 2019', year, 'Samen Veilig Midden-Nederland', 'Totaal Samen Veilig Midden-Nederland', conversations, conversations, 0
    from per_year
    union all
    select '1.2 Klagers en betrokkenen (tabel', year, organisation, 'Totaal klagers (totaalregel zonder label)', with_complainant, conversations, conversations - with_complainant
    from per_org
    union all
    select '1.2 Klagers en betrokkenen (tekst)', year, organisation, 'percent met AKJ-ondersteuning', round(100.0 * with_akj / conversations), conversations, conversations - with_support
    from per_org
    union all
    select '1.3 Aard van de klachten en bevindingen (tekst)', year, organisation, 'verzoeken om een andere gezinsvoogd/medewerker SAVE', requests, conversations, conversations - with_request_field
    from per_org
    union all
    select '1.5 Aard van de klachten 2019 en bevindingen (tekst)', year, organisation_in_year, 'verzoeken om een andere gezinsvoogd/medewerker SAVE', requests, conversations, conversations - with_request_field
    from per_org
    union all
    select '1.2 Herkomst klachten', year, organisation_in_year, 'Totaal aantal klachten', with_measure, conversations, conversations - with_measure
    from per_org
    union all
    select '1.3 Klagers ', year, organisation_in_year, 'Totaal aantal klachten', with_complainant, conversations, conversations - with_complainant
    from per_org
    union all
    select '1.4 Ondersteuning', year, organisation_in_year, 'Totaal aantal klachten', with_support, conversations, conversations - with_support
    from per_org
    union all
    select '1.5 Aard van de klachten 2019 (tabel', year, organisation_in_year, 'Totaal aantal klachtgesprekken', with_category, conversations, conversations - with_category
    from per_org
    union all
    select 'Aanvulling voortgangsrapportage', year, 'Samen Veilig Midden-Nederland', 'klachtgesprekken waarbij het AKJ betrokken was', with_akj, conversations, 0
    from per_year
),
final as (
    select p.year, p.organisation_or_unit as organisation, p.label, p."table" as source_table,
           p.value as printed, f.computed, f.conversations, f.missing,
           f.computed - p.value as difference,
           case when f.computed <> p.value then 'differs'
                when f.missing > 0 then 'match, values missing'
                else 'match' end as status
    from printed_totals p
    join figures f
      on starts_with(p."table", f.table_prefix)
     and p.year = f.year and p.organisation_or_unit = f.organisation and p.label = f.label
)
select * from final order by source_table, year, organisation, label
