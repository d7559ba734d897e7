-- lib/in_unit.lua: the SQL condition that keeps one unit's rows, for a
-- query whose first parameter (?1) is the unit id.
--
-- Every id is '<unit>/<slug>', so a unit's rows are those whose id lies
-- from '<unit>/' up to, not including, '<unit>0' ('0' follows '/' in byte
-- order). The tables keyed by an id (task_report, observation, task_agency,
-- ...) are stored in id order, so this reads one stretch of one b-tree,
-- where joining the task or indicator table for its unit_id cost two more
-- searches per row and a sort.
return function(column)
  return column .. " >= ?1 || '/' AND " .. column .. " < ?1 || '0'"
end
