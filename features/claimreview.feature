Feature: Publishing fact-checks as schema.org ClaimReview
  The organisation publishes its verdicts on its fact-check pages with ClaimReview JSON-LD, which
  search engines read. Only published (signed-off) verdicts of the statuses the organisation
  chooses go out, rated as its settings in claims.toml say.

  Background:
    Given I am editor "ana"
    And a file "claims.toml" containing:
      """
      [organisation]
      name = "Example Fact Check"
      url = "https://factcheck.example.org"

      [claimreview]
      review_url = "https://factcheck.example.org/checks/{id}-{slug}"
      best_rating = 5
      worst_rating = 1

      [claimreview.ratings]
      confirmed = { value = 5, name = "True" }
      refuted = { value = 1, name = "False" }
      mixed = { value = 3, name = "Mixed" }
      """
    And a source "Tencent teams up with Geely" from "Tech Desk" published 2021-01-22 at "https://example.org/tencent"
    And a source "Weekly deals" from "Wire" published 2021-01-25 at "https://example.org/weekly"
    And I ran "claims add 'Amazon acquired the startup Zoox' --source 2 --claimant 'Jane Roe'"
    And I ran "claims add 'Amazon acquired the startup Zoox' --source 1 --claimant 'Jane Roe'"
    And I ran "claims review 1"
    And I ran "claims confirm 1 --evidence https://example.org/amazon-pr --note 'Amazon press release, June 2020'"
    And I ran "claims add 'Tencent owns Geely' --source 1"
    And I ran "claims review [Tencent owns]"
    And I ran "claims refute [Tencent owns] --evidence https://example.org/geely-owners --note 'Geely belongs to Li Shufu'"
    And I ran "claims add 'Geely aims to build its own chips' --source 1"
    And I ran "claims review [chips]"
    And I ran "claims set-status [chips] unverifiable --note 'An intention'"
    And I ran "claims add 'Baidu works with Geely' --source 1"
    And I ran "claims review [Baidu]"

  Scenario: Published verdicts become ClaimReview objects
    When I run "claims export claimreview"
    Then the command succeeds
    And the export holds reviews of "Amazon acquired the startup Zoox", "Tencent owns Geely"
    And the review of "Tencent owns" has:
      | field                          | value                                                    |
      | @type                          | ClaimReview                                              |
      | claimReviewed                  | Tencent owns Geely                                       |
      | datePublished                  | today                                                    |
      | url                            | https://factcheck.example.org/checks/[Tencent owns]-tencent-owns-geely |
      | author.name                    | Example Fact Check                                       |
      | author.url                     | https://factcheck.example.org                            |
      | reviewRating.ratingValue       | 1                                                        |
      | reviewRating.bestRating        | 5                                                        |
      | reviewRating.worstRating       | 1                                                        |
      | reviewRating.alternateName     | False                                                    |
      | reviewRating.ratingExplanation | Geely belongs to Li Shufu                                |
      | itemReviewed.@type             | Claim                                                    |
      | itemReviewed.author.@type      | Organization                                             |
      | itemReviewed.author.name       | Tech Desk                                                |
      | itemReviewed.datePublished     | 2021-01-22                                               |
      | itemReviewed.appearance.0.url  | https://example.org/tencent                              |
      | itemReviewed.firstAppearance.url | https://example.org/tencent                            |

  Scenario: A claim made in several articles names each appearance and the first
    When I run "claims export claimreview"
    Then the review of "Amazon acquired" has:
      | field                            | value                          |
      | reviewRating.alternateName       | True                           |
      | reviewRating.ratingValue         | 5                              |
      | itemReviewed.author.@type        | Person                         |
      | itemReviewed.author.name         | Jane Roe                       |
      | itemReviewed.datePublished       | 2021-01-25                     |
      | itemReviewed.appearance.0.url    | https://example.org/weekly     |
      | itemReviewed.appearance.1.url    | https://example.org/tencent    |
      | itemReviewed.firstAppearance.url | https://example.org/tencent    |

  Scenario: Every review has the required and recommended fields, and is valid JSON-LD
    When I run "claims export claimreview --output reviews.json"
    Then the command succeeds
    And the output says "Exported 2 ClaimReviews to reviews.json."
    And every review in "reviews.json" has the required and recommended ClaimReview fields
    And every review in "reviews.json" expands as JSON-LD with the schema.org context

  Scenario: Unverifiable is published only when the organisation says so
    Given a file "publish-all.toml" containing:
      """
      [organisation]
      name = "Example Fact Check"
      url = "https://factcheck.example.org"
      [claimreview]
      review_url = "https://factcheck.example.org/checks/{slug}"
      best_rating = 5
      worst_rating = 1
      [claimreview.ratings]
      confirmed = { value = 5, name = "True" }
      unverifiable = { value = 2, name = "Unproven" }
      """
    When I run "claims --config publish-all.toml export claimreview"
    Then the export holds reviews of "Amazon acquired the startup Zoox", "Geely aims to build its own chips"
    And the review of "chips" has:
      | field                          | value                                                        |
      | url                            | https://factcheck.example.org/checks/geely-aims-to-build-its-own-chips |
      | reviewRating.alternateName     | Unproven                                                     |
      | reviewRating.ratingExplanation | An intention                                                 |

  Scenario: Draft verdicts stay at the desk
    Given I ran "claims editor add ana"
    And I ran "claims editor add cy --role editor"
    And a file "drafts.csv" containing:
      """
      text,source_id,status,evidence_url,note,verdict_at,signed_off_by
      Geely bought Volvo,1,confirmed,https://example.org/volvo,Signed in 2010,2024-05-02T10:00:00,
      Geely bought Lotus,1,confirmed,https://example.org/lotus,Signed in 2017,2024-05-03T10:00:00,cy
      """
    And I ran "claims import drafts.csv"
    When I run "claims export claimreview"
    Then the export holds reviews of "Amazon acquired the startup Zoox", "Tencent owns Geely", "Geely bought Lotus"
    And the review of "Lotus" has:
      | field         | value      |
      | datePublished | 2024-05-03 |

  Scenario: The settings are shown with claims config show
    When I run "claims config show"
    Then the command succeeds
    And the output says "Example Fact Check"
    And the output says "https://factcheck.example.org/checks/{id}-{slug}"
    And the output says "5 (True)"

  Scenario Outline: A missing or wrong setting is an error naming it
    Given a file "broken.toml" holding "<settings>"
    When I run "claims --config broken.toml <command>"
    Then the command fails with "<message>"

    Examples:
      | command            | settings                                                                                                                                              | message                                      |
      | export claimreview | [organisation]\nname = "X"\nurl = "https://x.example"\n[claimreview]\nreview_url = "https://x.example/{id}"                                          | missing setting claimreview.best_rating      |
      | config show        | [organisation]\nurl = "https://x.example"\n[claimreview]\nreview_url = "https://x.example/{id}"\nbest_rating = 5\nworst_rating = 1\n[claimreview.ratings]\nconfirmed = { value = 5, name = "True" } | missing setting organisation.name |
      | export claimreview | [organisation]\nname = "X"\nurl = "https://x.example"\n[claimreview]\nreview_url = "https://x.example/{id}"\nbest_rating = 5\nworst_rating = 1\n[claimreview.ratings]\nconfirmed = { value = 5 } | missing setting claimreview.ratings.confirmed.name |
      | export claimreview | [organisation]\nname = "X"\nurl = "https://x.example"\n[claimreview]\nreview_url = "https://x.example/{uuid}"\nbest_rating = 5\nworst_rating = 1\n[claimreview.ratings]\nconfirmed = { value = 5, name = "True" } | claimreview.review_url uses {uuid} |
      | export claimreview | [organisation]\nname = "X"\nurl = "https://x.example"\n[claimreview]\nreview_url = "https://x.example/{id}"\nbest_rating = 5\nworst_rating = 1\n[claimreview.ratings]\nin_review = { value = 3, name = "Pending" } | claimreview.ratings.in_review: not a verdict |
      | export claimreview | name = = "broken"                                                                                                                                     | broken.toml is not valid TOML                |

  Scenario: Without a settings file the export says where it looked
    When I run "claims --config nowhere.toml export claimreview"
    Then the command fails with "no such config file: nowhere.toml"
    Given a file "empty.toml" containing:
      """
      # nothing yet
      """
    When I run "claims --config empty.toml export claimreview"
    Then the command fails with "empty.toml: missing setting organisation.name"

  Scenario Outline: With no claims.toml in the working directory, the error says there is none
    Given there is no file "claims.toml"
    When I run "claims <command>"
    Then the command fails with "no such config file: claims.toml"

    Examples:
      | command            |
      | config show        |
      | export claimreview |
