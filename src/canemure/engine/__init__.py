"""The roadmap engine: what canemure computes from inventories and published facts.

Published records (what a plan printed: :mod:`canemure.published.targets`,
:mod:`canemure.published.measures`,
:mod:`canemure.published.roadmaps`) describe; the engine models. Its measures act on an
:class:`~canemure.inventory.EmissionInventory`, projections extend one into future years, and
targets become levels that a trajectory is compared with.
"""

__all__: list[str] = []
