-- Question: what did people contact the AKJ about in 2021, per SVMN unit:
--   questions, problems or complaints?
-- Grain:    one row per unit and contact type (partner table akj 2021
--   aard_contact). The unlabelled total row is reconciled by 'klacht check'.
-- Columns:  unit, contact_type, count (contacts: the AKJ counts every
--   expression of discontent, so more than persons).
with final as (
    select column_group as unit, row_label as contact_type, value as count
    from partner_cells
    where partner = 'akj' and year = 2021 and table_name = 'aard_contact'
      and row_kind = 'detail' and unit = 'count'
)
select * from final order by unit desc, contact_type
