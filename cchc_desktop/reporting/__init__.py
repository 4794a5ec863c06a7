"""Progress reports by period, agency and status (`report`), and carrying a plan forward into the
next year (`carry_forward`).

Layer: above `scheduling`; imports `scheduling`, `store`, `text`, `system`.
"""
