"""The window, a client of the core (`cchc_desktop`): one folder per tab (`plans`, `tasks`, `calendar`,
`reports`, `importing`), the office's details (`office`), what they share (`common`) and the window around
them (`shell`). It reaches data only through the core's services, never with SQL; ARCHITECTURE.md draws
the layers."""
