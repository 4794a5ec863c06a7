"""The Báo cáo tab: statistics of a period, charts, drill-down and the report documents."""
