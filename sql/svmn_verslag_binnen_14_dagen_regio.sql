-- Question: in what share of the complaint conversations of a year was the
--   report of the conversation sent within 14 days, per organisation and
--   region (the totals of the registration form's dashboard)?
-- Grain:    one row per year of the conversation, organisation (today's
--   name) and region as registered; Veilig Thuis Utrecht has no regions.
-- Columns:  year, organisation, region, conversations (held that year),
--   reports_sent (with a date the report was sent), within_14_days (sent at
--   most 14 days after the conversation), percent (one decimal).
-- Denominator: all conversations held that year, so a report without a sent
--   date counts as not within 14 days. Registers that keep no report dates
--   at all (no such column, or not one date in the register year of that
--   organisation and region) are left out: for them the share is unknown,
--   not 0.
-- Margins:  year, organisation; year (the year's conversations per
--   organisation, which svmn_klachtgesprekken prints)
with held as (
    select organisation, region, year(date_conversation) as year, date_report_sent, report_within_14_days
    from conversations c
    where date_conversation is not null and organisation is not null
      and exists (select 1 from conversations k
                  where k.organisation = c.organisation and k.region is not distinct from c.region
                    and k.year = c.year and k.date_report_sent is not null)
),
final as (
    select year, organisation, region,
           count(*) as conversations,
           count(date_report_sent) as reports_sent,
           count(*) filter (where report_within_14_days) as within_14_days,
           round(100.0 * count(*) filter (where report_within_14_days) / count(*), 1) as percent
    from held
    group by all
)
select * from final order by year, organisation desc, region
