"""Pure domain core: periods, rules, progress, pace, working days.

Nothing here performs I/O or imports Textual; functions take plain data and return results.
"""
