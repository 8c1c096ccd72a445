"""dutylog: log the countable duties of 海政发〔2022〕17号 and see where you stand."""

__version__ = "0.1.0"
