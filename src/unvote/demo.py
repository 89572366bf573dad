"""``make demo``: a short tour of the record, the rules and the analysis on the bundled snapshot."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel

from unvote.record import Record


def run_demo(rec: Record, console: Console) -> None:
    """Print the tour: two famous votes, a member, a search and a SQL query."""
    cov = rec.manifest["coverage"]
    console.print(Panel(f"The record: {cov['ga_roll_calls']} General Assembly roll calls ({cov['ga_first']} to "
                        f"{cov['ga_last']}), {cov['sc_resolutions']} Security Council resolutions "
                        f"({cov['sc_resolution_numbers']}) and {cov['sc_failed_drafts']} failed drafts, "
                        f"{cov['sc_vetoed_drafts']} of them vetoed.", title="unvote", expand=False))

    d = rec.decision("A/RES/69/188")
    no = ", ".join(d.votes.filter(vote="N")["name"].sort().to_list())
    console.print(f"\n[bold]{d.symbol}[/bold] ({d.date}) {d.title}\n  {d.outcome} {d.tally} "
                  f"(yes-no-abstain). Voting no: {no}.")

    d = rec.decision("S/2022/431")
    vetoes = ", ".join(rec.name_of(c) for c in d.vetoed_by)
    console.print(f"\n[bold]{d.draft}[/bold] ({d.date}) {d.title or d.row.get('agenda')}\n  {d.outcome} {d.tally}: "
                  f"vetoed by {vetoes}.")

    from unvote.charter.simulate import simulate

    what_if = simulate(d, {"CHN": "A"})
    console.print(f"  The rules: {what_if.recorded.explanation}\n  What if China had abstained? "
                  f"{what_if.outcome.explanation}")

    from unvote.analysis.blocs import partners

    near = partners(rec, "USA", "2010-2019", n=3)
    names = {side: ", ".join(f"{row['name']} ({row['agreement']:.2f})" for row in
                             near.filter(side=side).iter_rows(named=True)) for side in ("closest", "farthest")}
    console.print(f"\nThe United States' GA partners 2010-2019 (Voeten agreement): closest {names['closest']}; "
                  f"farthest {names['farthest']}.")

    m = rec.member("USSR")
    console.print(f"\n[bold]{m.name}[/bold] ({m.code}) left {m.left}; successor {m.successor}. "
                  f"Also known as: {', '.join(m.names[:6])}.")

    hits = rec.search("Democratic People's Republic of Korea human rights", body="GA", limit=5)
    console.print("\nSearch 'Democratic People's Republic of Korea human rights' (GA, latest 5):")
    for row in hits.iter_rows(named=True):
        console.print(f"  {row['date']}  {row['symbol']}  {row['yes']}-{row['no']}-{row['abstain']}")

    vetoes_by_member = rec.sql("select unnest(vetoed_by) as member, count(*) as vetoes from decisions "
                               "where outcome = 'vetoed' group by 1 order by 2 desc")
    console.print("\nVetoes cast, by member (SQL over the record):")
    for member, n in vetoes_by_member.iter_rows():
        console.print(f"  {rec.name_of(member)}: {n}")
    console.print("\nTry: unvote show S/RES/83(1950) · unvote member 'North Korea' · unvote council 2022-05 · "
                  "unvote simulate S/2022/431 --set CHN=A · unvote replay · unvote blocs --period 1980s · "
                  "unvote plot map A/RES/69/188 --out map.png · unvote forecast --like S/2022/431 · "
                  "unvote check tests/articles/03-sc-veto-dprk-2022.html · unvote serve")
