"""What every tab and dialog of the window shares: the controller through which every edit passes as
an undoable service call (`controller`), form helpers (`forms`) and messages (`messages`).

Layer: the lowest of `ui`; imports the core, never another folder of `ui`.
"""
