from analysis.actors import actor_mentions, actors_in_order


def test_mentions_count_inflected_forms_in_codebook_order():
    text = "Moskau und Pjöngjang vertiefen ihr Bündnis; Russlands Präsident Putin empfing Kim Jong Un, Seoul warnt."
    assert actor_mentions(text) == {"Russia": 3, "North Korea": 2, "South Korea": 1}


def test_order_of_first_mention():
    assert actors_in_order("Seoul warnt Moskau und Pjöngjang") == ["South Korea", "Russia", "North Korea"]
    assert actors_in_order("Nordkorea-Soldaten in der Ukraine: Gefährdet Putin den Weltkrieg?") == ["North Korea", "Ukraine", "Russia"]


def test_whole_words_only():
    assert actor_mentions("Die Usancen der Europäer") == {}
    assert actor_mentions("US-Verteidigungsminister Lloyd Austin") == {"NATO/USA/West": 2}
