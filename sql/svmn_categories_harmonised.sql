-- Question: what were the complaints about, per year and organisation, in
--   one list for all years: the AKJ sector categories (seed 004, Bijlage 1)?
-- Grain:    one row per year, organisation and AKJ category that a category
--   registered that year maps onto (table category_crosswalk); registered
--   categories with no AKJ counterpart are one row with akj_category empty.
-- Columns:  year, organisation, akj_category, mentions (category mentions
--   that map onto it), conversations (conversations naming it at least once),
--   share_of_conversations and share_of_mentions (percent, one decimal),
--   grade (how well that year's categories map onto it: exact if every one
--   is exact, else partial; none for the unmapped), registered (the
--   registered categories behind it).
-- Denominators: share_of_conversations is of all the organisation's
--   conversations that year, share_of_mentions of all its category mentions
--   that year. From 2021 a conversation names up to five categories, so the
--   conversation shares add up to more than 100; the mention shares add up
--   to 100. Which years compare: report svmn_category_comparability.
with mentions as (
    select c.year, c.organisation, c.conversation_id, cc.category, x.akj_category, x.grade
    from conversations c
    join conversation_categories cc using (conversation_id)
    join category_crosswalk x
      on x.category = cc.category
     and (x.valid_from is null or x.valid_from <= c.year)
     and (x.valid_to is null or c.year <= x.valid_to)
    where c.organisation is not null
),
totals as (
    select c.year, c.organisation, count(*) as conversations,
           (select count(*) from mentions m where m.year = c.year and m.organisation = c.organisation) as mentions
    from conversations c
    where c.organisation is not null
    group by all
),
final as (
    select m.year, m.organisation, m.akj_category,
           count(*) as mentions,
           count(distinct m.conversation_id) as conversations,
           round(100.0 * count(distinct m.conversation_id) / any_value(t.conversations), 1) as share_of_conversations,
           round(100.0 * count(*) / any_value(t.mentions), 1) as share_of_mentions,
           case when bool_and(m.grade = 'exact') then 'exact'
                when bool_and(m.grade = 'none') then 'none'
                else 'partial' end as grade,
           string_agg(distinct m.category, '; ' order by m.category) as registered
    from mentions m
    join totals t using (year, organisation)
    group by m.year, m.organisation, m.akj_category
)
select * from final order by year, organisation desc, mentions desc, akj_category
