"""A demo's scenes as a graph: every link lands on a scene, every scene is reached, it ends."""

from __future__ import annotations

from kiosk.packs.fields import Checker, RecordedError, join
from kiosk.packs.model import END, Demo


def check_demo_graph(r: Checker, demo: Demo, file: str, path: str) -> None:
    """`start` and every `next` exist; every scene is reachable; the end can be reached.

    Records each problem on `r` and raises RecordedError when there is any.
    """
    ids = [s.id for s in demo.scenes]
    bad = False
    if demo.start not in ids:
        r.problem(file, join(path, "start"), f"names scene '{demo.start}', which is not in this demo")
        bad = True
    edges: dict[str, list[str]] = {}
    for i, s in enumerate(demo.scenes):
        targets = [(f"hotspots[{j}].next", h.next) for j, h in enumerate(s.hotspots)]
        if s.next is not None:
            targets.append(("next", s.next))
        edges[s.id] = [t for _, t in targets]
        for where, t in targets:
            if t != END and t not in ids:
                r.problem(
                    file, f"{path}.scenes[{i}].{where}", f"names scene '{t}', which is not in this demo"
                )
                bad = True
    if bad:
        raise RecordedError
    seen, todo, ends = set(), [demo.start], False
    while todo:
        cur = todo.pop()
        if cur == END:
            ends = True
            continue
        if cur in seen:
            continue
        seen.add(cur)
        if not edges[cur]:
            ends = True  # a scene with nowhere to go ends the demo
        todo.extend(edges[cur])
    for i, s in enumerate(demo.scenes):
        if s.id not in seen:
            r.problem(file, f"{path}.scenes[{i}]", f"scene '{s.id}' cannot be reached from the start")
            bad = True
    if not ends:
        r.problem(file, path, 'never ends: no scene leads to "end" or stops without a next')
        bad = True
    if bad:
        raise RecordedError
