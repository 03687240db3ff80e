"""canemure works the same after ``import pint_xarray``, which makes pint's scalars 0-d arrays.

pint-xarray sets ``force_ndarray_like=True`` on pint's application registry, which is
canemure's. Afterwards ``Q_(1.5, "kt")`` holds ``array(1.5)``, for which ``round(q.m, 1)``
raises. The check runs in a fresh interpreter (the setting is process-wide and would leak into
other tests): each path runs first without pint-xarray, then after importing it, and both runs
must print the same.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

SCRIPT = textwrap.dedent(
    """
    import contextlib
    import io
    import json

    from canemure.cli.main import main
    from canemure.io.bundled import pohjois_karjala
    from canemure.units import Q_, ureg

    def run():
        seen = {}
        inventory = pohjois_karjala()
        region = inventory.to_regions().total()
        value = region.value("Pohjois-Karjala", "total", 2024)
        seen["value"] = [round(value.m, 1), f"{value.m:.1f}", f"{value:.1f}"]
        per = region.per_resident()
        cell = per.value("North Karelia", "total", "2024")
        seen["per_resident"] = [round(cell.m, 2), f"{cell:.2f}", repr(per)]
        change = inventory.sel(areas="Joensuu").total().change(2007)
        seen["change"] = round(change.value("167", "total", 2024).m, 2)
        seen["scalar"] = f"{Q_(2.25, 'kt CO2e/a'):.1f}"
        for args in (
            ["baseline", "pohjois-karjala", "--lang", "en", "--no-plugins"],
            ["baseline", "pohjois-karjala", "--format", "json", "--no-plugins"],
            ["baseline", "pohjois-karjala", "--rank", "per-resident", "--no-plugins"],
            ["roadmap", "pohjois-karjala", "--lang", "en", "--no-plugins"],
            ["roadmap", "pohjois-karjala", "--format", "json", "--no-plugins"],
        ):
            out, err = io.StringIO(), io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
                status = main(args)
            seen[" ".join(args)] = [status, out.getvalue(), err.getvalue()]
        return seen

    plain = run()
    assert not ureg.force_ndarray_like
    import pint_xarray  # noqa: F401

    assert ureg.force_ndarray_like, "pint-xarray no longer sets force_ndarray_like"
    assert type(Q_(1.5, "kt").m).__name__ == "ndarray"  # scalars are 0-d arrays now
    forced = run()
    for key, value in plain.items():
        assert forced[key] == value, (key, value, forced[key])
    statuses = {key: value[0] for key, value in plain.items() if " " in key}
    assert set(statuses.values()) == {0}, statuses
    print(json.dumps(sorted(plain)))
    """
)


def test_every_path_runs_alike_after_importing_pint_xarray() -> None:
    pytest.importorskip("pint_xarray")
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "roadmap pohjois-karjala --format json --no-plugins" in done.stdout
