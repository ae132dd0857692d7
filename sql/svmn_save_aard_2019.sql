-- Question: what were the SAVE complaints of 2019 about?
-- Grain:    one row per complaint category of the 2019 list, as registered.
-- Columns:  category, count (SAVE conversations of 2019 that name the
--   category). 2019 registers one category per conversation, so the counts
--   add up to the conversations with a category.
with counted as (
    select cc.category, count(distinct c.conversation_id) as count
    from conversations c
    join conversation_categories cc using (conversation_id)
    where c.year = 2019 and c.organisation = 'SAVE Jeugdbescherming' and cc.category is not null
    group by all
),
final as (
    select category, count from counted
)
select * from final order by count desc, category
