"""A solver's reason names volunteers and plekken by instance id; the user reads names."""

from regie.planning.io import readable_reason


def test_ids_of_the_prefix_become_names_and_others_stay():
    names = {"v2": "Anna de Vries", "w2": "Kok (Hotel Ons)"}
    reason = "v2 en v12 te ver weg; w2 vol"
    assert readable_reason(reason, names, "v") == "Anna de Vries en v12 te ver weg; w2 vol"
    assert readable_reason(reason, names, "w") == "v2 en v12 te ver weg; Kok (Hotel Ons) vol"


def test_an_id_inside_a_word_is_not_replaced():
    assert readable_reason("dv2 v2x", {"v2": "Anna"}, "v") == "dv2 v2x"
