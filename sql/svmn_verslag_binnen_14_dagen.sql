-- Question: in what share of the complaint conversations was the report of
--   the conversation sent within 14 days (the dashboard of the registration
--   form), per organisation, region and month?
-- Grain:    one row per organisation (today's name), region as registered,
--   and month of the conversation (year, month); Veilig Thuis Utrecht has
--   no regions.
-- Columns:  organisation, region, year, month, conversations (held that
--   month), reports_sent (with a date the report was sent), within_14_days
--   (sent at most 14 days after the conversation), no_report_date
--   (conversations without one), percent (one decimal).
-- Denominator: all conversations held that month, so a report without a
--   sent date counts as not within 14 days; reports_sent shows how many
--   have a date. Registers that keep no report dates at all (no such
--   column, or not one date in the register year of that organisation and
--   region) are left out: for them the share is unknown, not 0.
-- Margins:  year, organisation, region; year, organisation; year (the year's
--   conversations per region and organisation, which svmn_klachtgesprekken
--   prints; no monthly total is printed anywhere)
with held as (
    select organisation, region, year(date_conversation) as year, month(date_conversation) as month,
           date_report_sent, report_within_14_days
    from conversations c
    where date_conversation is not null and organisation is not null
      and exists (select 1 from conversations k
                  where k.organisation = c.organisation and k.region is not distinct from c.region
                    and k.year = c.year and k.date_report_sent is not null)
),
final as (
    select organisation, region, year, month,
           count(*) as conversations,
           count(date_report_sent) as reports_sent,
           count(*) filter (where report_within_14_days) as within_14_days,
           count(*) - count(date_report_sent) as no_report_date,
           round(100.0 * count(*) filter (where report_within_14_days) / count(*), 1) as percent
    from held
    group by all
)
select * from final order by organisation desc, region, year, month
