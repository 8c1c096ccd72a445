"""The word tables of the one catalog (`dutylog.i18n.words`), too long for i18n.py itself:
refusals by code, the command line's help, and the Chinese of the libraries' own strings
(click, Textual). Data only: nothing here imports the rest of dutylog."""
