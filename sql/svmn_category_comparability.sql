-- Question: for which AKJ categories can two years of registered categories
--   be compared, and how well?
-- Grain:    one row per pair of register years (first < second) and AKJ
--   category that at least one of the two years maps onto.
-- Columns:  first_year, second_year, akj_category, first_grade and
--   second_grade (how each year's categories map onto it: exact, partial, or
--   none when no category of that year maps onto it), comparability: exact
--   when both are exact, partial when both map onto it and one only
--   partially, none when either year has nothing that maps onto it.
with years as (
    select distinct year from conversations
),
grades as (
    select y.year, x.akj_category,
           case when bool_and(x.grade = 'exact') then 'exact' else 'partial' end as grade
    from years y
    join category_crosswalk x
      on (x.valid_from is null or x.valid_from <= y.year) and (x.valid_to is null or y.year <= x.valid_to)
    where x.akj_category is not null
    group by all
),
pairs as (
    select a.year as first_year, b.year as second_year, k.akj_category
    from years a
    join years b on a.year < b.year
    cross join (select distinct akj_category from grades) k
),
final as (
    select p.first_year, p.second_year, p.akj_category,
           coalesce(g1.grade, 'none') as first_grade, coalesce(g2.grade, 'none') as second_grade,
           case when g1.grade is null or g2.grade is null then 'none'
                when g1.grade = 'exact' and g2.grade = 'exact' then 'exact'
                else 'partial' end as comparability
    from pairs p
    left join grades g1 on g1.year = p.first_year and g1.akj_category = p.akj_category
    left join grades g2 on g2.year = p.second_year and g2.akj_category = p.akj_category
    where g1.grade is not null or g2.grade is not null
)
select * from final order by first_year, second_year, akj_category
