"""What may be done in handhaving, bezwaar and beroep, and when. Every step checks its
transition table (states.py), its dates and the law (regie.rules), and raises
``ValidationError`` with Dutch messages, so views stay thin and nothing is half-saved.

Seed §3.2: the uitvoerder enforces the PIP and prepares a bezwaar; the gemeente's jurist
decides it. Who may call which step is decided by the views' permissions; the rules of each
step are here. Other apps may open a handhaving signal through :func:`open_case` (e.g. an
aanbieder's attendance report) and read figures through :func:`figures`.

Every function here trusts that the caller already scoped the person to the user.

One module per part of the process: ``handhaving`` (signal and waarschuwing), ``boete``
(the fine, bekendmaking, payment), ``bezwaar``, ``beroep`` and ``figures``, with the shared
helpers in ``common``. Every name stays importable from ``regie.enforcement.services``.
"""

from regie.enforcement.berekening import euro
from regie.enforcement.services.beroep import (
    beroep_deadlines,
    register_beroep,
    update_beroep,
)
from regie.enforcement.services.bezwaar import (
    Besluit,
    advies_uiterlijk,
    beroepstermijn,
    beslistermijn,
    besluit_bekendgemaakt,
    bezwaar_deadlines,
    contestable,
    decide,
    decision_problems,
    draft_pip_version,
    gehoord,
    new_pip_concept,
    plan_hearing,
    postpone,
    record_brief_bekendmaking,
    register_bezwaar,
    report_hearing,
    submit_advice,
    tijdigheid,
    tijdigheid_redenering,
    withdraw,
)
from regie.enforcement.services.boete import (
    Berekening,
    Grond,
    boete_grond,
    calculate,
    fines_so_far,
    finish,
    handhaving_deadlines,
    impose_fine,
    make_known,
    onherroepelijk,
    prior_art23_dates,
    register_payment,
)
from regie.enforcement.services.common import (
    ADVIES_MARGE_DAGEN,
    EURO,
    _d,
    _move,
    _not_future,
    _raise,
    _today,
)
from regie.enforcement.services.figures import (
    MuniFigures,
    figures,
)
from regie.enforcement.services.handhaving import (
    WAARSCHUWING_VOORSTEL,
    betaalrekening,
    has_vastgesteld_pip,
    open_case,
    open_refusal,
    send_warning,
    toets_no_shows,
    waarschuwing_voorstel,
)
from regie.enforcement.services.procedure import (
    announce_commission,
    decide_voorziening,
    decision_suspended,
    dwangsom_van,
    end_repair,
    fix_dwangsom,
    involved_in_decision,
    opgeschort,
    postpone_with_consent,
    record_commission_advice,
    record_ingebrekestelling,
    register_voorziening,
    request_repair,
    set_hearers,
    suspended_case_ids,
    suspension_of,
)

__all__ = [
    "announce_commission",
    "decide_voorziening",
    "decision_suspended",
    "dwangsom_van",
    "end_repair",
    "fix_dwangsom",
    "involved_in_decision",
    "opgeschort",
    "postpone_with_consent",
    "record_commission_advice",
    "record_ingebrekestelling",
    "register_voorziening",
    "request_repair",
    "set_hearers",
    "suspended_case_ids",
    "suspension_of",
    "euro",
    "ADVIES_MARGE_DAGEN",
    "Berekening",
    "Grond",
    "boete_grond",
    "Besluit",
    "EURO",
    "MuniFigures",
    "WAARSCHUWING_VOORSTEL",
    "_d",
    "_move",
    "_not_future",
    "_raise",
    "_today",
    "advies_uiterlijk",
    "beroep_deadlines",
    "beslistermijn",
    "betaalrekening",
    "bezwaar_deadlines",
    "calculate",
    "contestable",
    "decide",
    "decision_problems",
    "draft_pip_version",
    "figures",
    "fines_so_far",
    "finish",
    "gehoord",
    "handhaving_deadlines",
    "has_vastgesteld_pip",
    "impose_fine",
    "make_known",
    "new_pip_concept",
    "onherroepelijk",
    "open_case",
    "open_refusal",
    "plan_hearing",
    "postpone",
    "prior_art23_dates",
    "register_beroep",
    "register_bezwaar",
    "register_payment",
    "report_hearing",
    "send_warning",
    "submit_advice",
    "tijdigheid",
    "besluit_bekendgemaakt",
    "beroepstermijn",
    "record_brief_bekendmaking",
    "tijdigheid_redenering",
    "toets_no_shows",
    "update_beroep",
    "waarschuwing_voorstel",
    "withdraw",
]
