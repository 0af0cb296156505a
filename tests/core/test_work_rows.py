"""The werkvoorraad's rows are written in Python (core.views.work_rows): what the template
loop wrote, every value escaped."""

from datetime import date

from regie.core.extensions import WorkItem
from regie.core.views import work_rows


class _Person:
    full_name = "Noor <b>Haddad</b>"


def test_rows_show_name_link_what_and_due_escaped():
    today = date(2027, 3, 10)
    html = work_rows(
        [
            WorkItem(_Person(), "PIP & meer", date(2027, 3, 9), "/inburgeraars/5/?a=1&b=2"),
            WorkItem(_Person(), "Brede intake", date(2027, 3, 12), "/inburgeraars/6/"),
            WorkItem(object(), "Run goedkeuren", None, "/betaalruns/1/"),
        ],
        today,
    )
    rows = html.split("</tr>")
    assert '<a class="utrecht-link" href="/inburgeraars/5/?a=1&amp;b=2">' in rows[0]
    assert "Noor &lt;b&gt;Haddad&lt;/b&gt;" in rows[0]
    assert "<td>PIP &amp; meer</td>" in rows[0]
    assert '<span class="regie-overdue">9 maart 2027<br>(te laat)</span>' in rows[0]
    assert '<span class="regie-soon">12 maart 2027</span>' in rows[1]
    assert "te laat" not in rows[1]
    assert '<td class="regie-nowrap">—</td>' in rows[2]
    assert '<a class="utrecht-link" href="/betaalruns/1/"></a>' in rows[2]
