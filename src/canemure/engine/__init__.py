"""The roadmap engine: what canemure computes from inventories and published facts.

Published records (what a plan printed: :mod:`canemure.published.targets`,
:mod:`canemure.published.measures`,
:mod:`canemure.published.roadmaps`) describe; the engine models. Its measures act on an
:class:`~canemure.inventory.EmissionInventory`, projections extend one into future years, and
targets become levels that a trajectory is compared with.

The names of every engine module are re-exported here. Four level rules and two type aliases
are renamed so that they cannot be mistaken for published records or accounting rules:
``levels.HINKU`` is :data:`HINKU_TARGET`, ``levels.CLIMATE_ACT`` :data:`CLIMATE_ACT_TARGET`,
``levels.PUBLISHED`` :data:`PUBLISHED_TARGET`, ``levels.OWN`` :data:`OWN_TARGET`,
``projection.Method`` :data:`ProjectionMethod` and ``measures.Status`` :data:`ModelStatus`.
"""

from canemure.engine._labelled import LabelledResult
from canemure.engine.attribution import (
    Attribution,
    CellGroup,
    attribute,
    shapley_exact,
    shapley_sampled,
)
from canemure.engine.catalogue import (
    TEMPLATES,
    Default,
    Template,
    TemplateInputError,
    TemplateParameter,
    sourced,
    template,
)
from canemure.engine.catalogue import Citation as ParameterCitation
from canemure.engine.combine import (
    Combination,
    Effects,
    combine,
    remaining_emissions,
)
from canemure.engine.compare import (
    Comparison,
    compare,
)
from canemure.engine.costs import (
    EnergySaving,
    MeasureCosts,
    capital_recovery_factor,
    cost_effectiveness,
)
from canemure.engine.levels import (
    CLIMATE_ACT as CLIMATE_ACT_TARGET,
)
from canemure.engine.levels import (
    CLIMATE_ACT_STATEMENT,
    LEVEL_UNIT,
    Citation,
    LevelError,
    LevelRule,
    ScopeMismatchError,
    TargetLevel,
    own_target,
    rule_for,
    target_level,
)
from canemure.engine.levels import (
    HINKU as HINKU_TARGET,
)
from canemure.engine.levels import (
    OWN as OWN_TARGET,
)
from canemure.engine.levels import (
    PUBLISHED as PUBLISHED_TARGET,
)
from canemure.engine.macc import (
    MaccStep,
    marginal_abatement_cost_curve,
)
from canemure.engine.measures import (
    CANCELLED,
    AbsoluteCut,
    ActivityChange,
    ActivityTerm,
    Compensation,
    Effect,
    EffectKind,
    EngineStatus,
    FactorChange,
    Measure,
    Mechanism,
    RelativeCut,
)
from canemure.engine.measures import (
    Status as ModelStatus,
)
from canemure.engine.portfolio import (
    ENUMERATION_LIMIT,
    Portfolio,
    compare_with_optimum,
    portfolio_sector,
    select_portfolio,
)
from canemure.engine.portfolio import Comparison as PortfolioComparison
from canemure.engine.projection import (
    Constant,
    FactorPath,
    LogLinearTrend,
    PopulationDriver,
    ProjectedSource,
    ProjectionError,
    project,
    projected_years,
)
from canemure.engine.projection import (
    Method as ProjectionMethod,
)
from canemure.engine.published import (
    from_published,
)
from canemure.engine.ramp import (
    Ramp,
    RampShape,
)
from canemure.engine.replication import (
    ByActivity,
    ByPopulation,
    BySector,
    Scaling,
    replicate,
)
from canemure.engine.roadmap import (
    COST_UNIT,
    Roadmap,
    RoadmapError,
    RoadmapResult,
    RoadmapTarget,
)
from canemure.engine.scenario import (
    MECHANISMS,
    ActivityTermSpec,
    CostSpec,
    FactorPathSpec,
    MeasureSpec,
    ProjectionSpec,
    SavingSpec,
    Scenario,
    TargetSpec,
    example_scenario,
    published_target,
    read_scenario,
    scenario_from_text,
    write_scenario,
)
from canemure.engine.stakeholders import (
    CRITERIA,
    LOWER_IS_BETTER,
    MODEL_ROADMAPS_FILE,
    REGION_ABBREVIATIONS,
    Candidate,
    ModelRoadmapMeasure,
    ScoreCell,
    ScoreRow,
    ScoreTable,
    WeightRange,
    candidates_from_macc,
    model_roadmap_measures,
    rank_candidates,
    rank_for_groups,
    read_model_roadmap,
    weight_sensitivity,
)
from canemure.engine.trajectory import (
    CumulativeEmissions,
    Milestone,
    MilestoneStatus,
    Pathway,
    TargetGap,
    cumulative,
    gap,
    milestone,
)

__all__ = [
    "CANCELLED",
    "CLIMATE_ACT_STATEMENT",
    "CLIMATE_ACT_TARGET",
    "COST_UNIT",
    "CRITERIA",
    "ENUMERATION_LIMIT",
    "HINKU_TARGET",
    "LEVEL_UNIT",
    "LOWER_IS_BETTER",
    "MECHANISMS",
    "MODEL_ROADMAPS_FILE",
    "OWN_TARGET",
    "PUBLISHED_TARGET",
    "REGION_ABBREVIATIONS",
    "TEMPLATES",
    "AbsoluteCut",
    "ActivityChange",
    "ActivityTerm",
    "ActivityTermSpec",
    "Attribution",
    "ByActivity",
    "ByPopulation",
    "BySector",
    "Candidate",
    "CellGroup",
    "Citation",
    "Combination",
    "Comparison",
    "Compensation",
    "Constant",
    "CostSpec",
    "CumulativeEmissions",
    "Default",
    "Effect",
    "EffectKind",
    "Effects",
    "EnergySaving",
    "EngineStatus",
    "FactorChange",
    "FactorPath",
    "FactorPathSpec",
    "LabelledResult",
    "LevelError",
    "LevelRule",
    "LogLinearTrend",
    "MaccStep",
    "Measure",
    "MeasureCosts",
    "MeasureSpec",
    "Mechanism",
    "Milestone",
    "MilestoneStatus",
    "ModelRoadmapMeasure",
    "ModelStatus",
    "ParameterCitation",
    "Pathway",
    "PopulationDriver",
    "Portfolio",
    "PortfolioComparison",
    "ProjectedSource",
    "ProjectionError",
    "ProjectionMethod",
    "ProjectionSpec",
    "Ramp",
    "RampShape",
    "RelativeCut",
    "Roadmap",
    "RoadmapError",
    "RoadmapResult",
    "RoadmapTarget",
    "SavingSpec",
    "Scaling",
    "Scenario",
    "ScopeMismatchError",
    "ScoreCell",
    "ScoreRow",
    "ScoreTable",
    "TargetGap",
    "TargetLevel",
    "TargetSpec",
    "Template",
    "TemplateInputError",
    "TemplateParameter",
    "WeightRange",
    "attribute",
    "candidates_from_macc",
    "capital_recovery_factor",
    "combine",
    "compare",
    "compare_with_optimum",
    "cost_effectiveness",
    "cumulative",
    "example_scenario",
    "from_published",
    "gap",
    "marginal_abatement_cost_curve",
    "milestone",
    "model_roadmap_measures",
    "own_target",
    "portfolio_sector",
    "project",
    "projected_years",
    "published_target",
    "rank_candidates",
    "rank_for_groups",
    "read_model_roadmap",
    "read_scenario",
    "remaining_emissions",
    "replicate",
    "rule_for",
    "scenario_from_text",
    "select_portfolio",
    "shapley_exact",
    "shapley_sampled",
    "sourced",
    "target_level",
    "template",
    "weight_sensitivity",
    "write_scenario",
]
