"""The Kế hoạch tab: the register of plans, the plan editor, and carrying a plan into the next year."""
