-- Question: how did the KJMN judge the parts of the complaints about SVMN it
--   heard in 2019?
-- Grain:    one row per outcome (partner table kjmn 2019 klachtonderdelen).
-- Columns:  outcome, count (complaint parts), percent (as printed; none for
--   'geen uitspraak').
-- Denominator: the printed percent is of all complaint parts (58, the total
--   row); report partner_percentages recomputes it.
with cells as (
    select row_label, row_number, unit, value
    from partner_cells
    where partner = 'kjmn' and year = 2019 and table_name = 'klachtonderdelen' and row_kind = 'detail'
),
final as (
    select row_label as outcome,
           max(value) filter (where unit = 'count') as count,
           max(value) filter (where unit = 'percent') as percent
    from cells
    group by row_label, row_number
)
select * from final order by count desc
