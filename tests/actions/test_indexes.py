"""The partial indexes on outstanding actions cover exactly the outstanding statuses."""

from actions.models import Action


def test_the_outstanding_indexes_name_the_outstanding_statuses():
    partial = [i for i in Action._meta.indexes if i.name.startswith("action_outstanding_")]
    assert len(partial) == 2
    for index in partial:
        (lookup, statuses), *_ = index.condition.children
        assert lookup == "status__in"
        # A status added to OUTSTANDING but not here would leave its actions to a full sort.
        assert sorted(statuses) == sorted(str(s) for s in Action.OUTSTANDING)
