"""The demo plan: the Vĩnh Long 2024 communication plan (QĐ 3060/QĐ-UBND), shipped as data."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from cchc_desktop.store.domain import Appendix, Plan, PlanStatus, Section, Task
from cchc_desktop.store.store import Store
from cchc_desktop.system import paths

DEMO_FILE = "demo/vinh_long_2024.json"


def demo_data() -> dict[str, Any]:
    with open(paths.resources_dir() / DEMO_FILE, encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def load_demo(store: Store) -> Plan:
    """Add the demo plan with its 14 appendix tasks (again, if asked twice: as a new plan)."""
    data = demo_data()
    with store.db.atomic():
        for spec in data.get("agencies", []):
            if store.agencies.match(spec["name"]) is None:
                store.agencies.create(spec["name"], spec.get("abbreviation", ""), spec.get("aliases", []))
        for name, aliases in data.get("aliases", {}).items():
            aid = store.agencies.match(name)
            if aid is None:
                continue
            agency = store.agencies.get(aid)
            missing = [a for a in aliases if store.agencies.match(a) is None]
            if missing:
                agency.aliases = [*agency.aliases, *missing]
                store.agencies.update(agency)
        plan = store.plans.create(
            Plan(
                number=data["number"],
                issuer=data["issuer"],
                parent_body=data["parent_body"],
                act_authority=data["act_authority"],
                place=data["place"],
                issue_date=dt.date.fromisoformat(data["issue_date"]),
                period_start=data["period_start"],
                period_end=data["period_end"],
                title=data["title"],
                status=PlanStatus(data["status"]),
                signer_authority=data["signer_authority"],
                signer_position=data["signer_position"],
                signer_name=data["signer_name"],
                proposer=data["proposer"],
                legal_bases=data["legal_bases"],
                recipients=data["recipients"],
                sections=[Section(**s) for s in data["sections"]],
                appendices=[Appendix(title=a["title"]) for a in data["appendices"]],
            )
        )
        tasks = []
        for appendix, spec in zip(plan.appendices, data["appendices"], strict=True):
            for t in spec["tasks"]:
                tasks.append(
                    Task(
                        plan_id=plan.id,
                        appendix_id=appendix.id,
                        content=t["content"],
                        lead=store.agencies.resolve(t["lead"]),
                        partners=store.agencies.resolve(t["partners"]),
                        time_frame=t["when"],
                    )
                )
        store.tasks.create_many(tasks)
    return plan
