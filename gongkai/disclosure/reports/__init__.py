"""依申请公开 statistics and the annual-report tables (国办公开办函〔2021〕30号, disclosure-rules.md §2).

| module | what |
| --- | --- |
| ``scope.py`` | which unit and year, who may see them (公开办 and 评估人 over the unit; others 403) |
| ``table_three.py`` | table 三 (requests received and handled): 25 rows × 7 columns, with its checks |
| ``table_four.py`` | table 四 (行政复议 / 行政诉讼): 15 cells, with its checks |
| ``statistics.py`` | counts by unit, channel, applicant column, reply type and timeliness (counts only) |
| ``exporters.py`` | .xlsx like the national table (merged header cells), CSV, text for the terminal |
| ``synthetic.py`` | a realistic synthetic year through the real services (``disclosure_generate_year``) |
| ``views.py`` / ``api.py`` | the workbench page and exports / the staff API |

Counting rules (decisions; the tests hold them):

- A request belongs to its **受理机关** (``addressee_unit``): the reply goes out in that organ's name,
  even when it was 分办 to a department below it. ``include_subunits`` adds every unit below.
- The receipt day is the art. 31 ``date_received``. An online application still in ``received`` (not
  confirmed) has no receipt day and is counted nowhere until it is registered; it then counts in the
  year of the confirmation day.
- The decision day is ``date_replied`` (set by a reply, by 视为放弃 for no correction and by 视为放弃
  for an unpaid fee); the archive (``closed_at``) plays no part.
- For year Y: the base set is every request received by 12-31 and not decided before 01-01. Those
  received in Y are 一, the others 二; those decided in Y are 三 (by reply type and sub-reason), the
  others 四. So 一 + 二 = 三（七） + 四 holds by construction, and 四(Y) = 二(Y+1) is the same set.
"""
