"""listed(): a list for a message parameter, in each language's own words."""

from impactkit.core.i18n import Text, fill, listed


def test_a_list_in_both_languages_and_none_as_no_value():
    assert listed(["a", "b", "c"]) == Text(en="a, b and c", nl="a, b en c")
    assert listed(["a", "b"], style="or") == Text(en="a or b", nl="a of b")
    assert listed([]) == Text(en="–", nl="–")
    helices = [Text(en="education", nl="onderwijs"), Text(en="government", nl="overheid")]
    template = Text(en="known: {known}", nl="bekend: {known}")
    assert fill(template, known=listed(helices)) == Text(
        en="known: education and government", nl="bekend: onderwijs en overheid"
    )
