"""Held-out law cases over HTTP: cases generated from the rules of ``domain.md`` with random
dates on both sides of each boundary, run against a fresh store, each answer checked against
what the law says (worked out here, apart from the registry's own rule code).

Families: jurisdiction of a marriage by date and hukou (2022-04-20, 2025-05-10); each
residency at each kind of office (foreign-related-designated); reissue office by era
(2003-10-01, 2025-05-10) and its conditions (the wrong wife named, a record without ID
numbers); divorce of a marriage the store does not hold; remarriage of a widow, a widower and
a court-divorced person, with and without the event in the store; the cooling-off over rest
days (a last day on a weekend, inside the National Day week, on a make-up working day) with
withdrawal and completion at the receiving office; archive access per record asked for; the
minimum age on both sides of a birthday in each era; a person's status after each kind of
history (no_record for a stranger, unmarried after a void marriage); a revoked declaration of
death with the survivor remarried before, after or never. Every rule message must read in
Chinese.

``python -m bench.law_cases [--store postgres|sqlite] [--seed N] [--per-family K]`` serves the
registry on a throwaway store over real HTTP and prints one JSON object: cases run, passed,
and each failure with what was expected and what came back; exit 1 on any failure.
"""

from bench.law_cases.desk import Desk
from bench.law_cases.families import FAMILIES
from bench.law_cases.runner import main, run_cases, summary

__all__ = ["FAMILIES", "Desk", "main", "run_cases", "summary"]
