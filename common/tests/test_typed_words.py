"""A word still being typed (common.analysis.as_typed): what an indexed term may start with, and the
whole terms it may already have gone past."""

from common.analysis import TYPED_MIN_TERM, TYPED_REACH, as_typed, stem


def test_a_short_start_is_its_own_term_and_nothing_more():
    assert as_typed("pen") == (("pen",), ())


def test_a_plural_starts_its_term_and_itself():
    starts, terms = as_typed("pensions")
    assert starts == ("pension", "pensions")
    assert terms == ("pensio", "pensi", "pens")


def test_the_word_itself_is_a_start_when_its_term_is_not_its_beginning():
    # "easy" is `easi`, which "easygo" (`easygo`) does not start with; "men" is `man`, not `mental`.
    assert as_typed("easy")[0] == ("easi", "easy")
    assert as_typed("men")[0] == ("man", "men")


def test_a_word_typed_past_its_whole_words_term_has_that_term_among_its_shorter_starts():
    assert stem("administration") == "administr"
    starts, terms = as_typed("administrat")
    assert "administr" in terms
    assert starts == ("administrat",)
    assert terms == ("administra", "administr", "administ", "adminis", "admini")
    assert all(
        len(term) >= TYPED_MIN_TERM and len(term) >= len("administrat") - TYPED_REACH for term in terms
    )
