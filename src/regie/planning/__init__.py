"""Planning solvers for Regie: maatje matching and the integraal weekprogramma.

Pure Python (no Django), so that any instance can be solved, checked and benchmarked
outside the app; see docs/planning.md and PLANNING.md for the models and JSON formats.
"""

from regie.planning.errors import InstanceError
from regie.planning.matching import check_matching, greedy_matching, solve_matching
from regie.planning.week import check_week, greedy_week, solve_week

__all__ = [
    "InstanceError",
    "check_matching",
    "check_week",
    "greedy_matching",
    "greedy_week",
    "solve_matching",
    "solve_week",
]
