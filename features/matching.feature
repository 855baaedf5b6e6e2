Feature: Already checked? Matching claims against published fact-checks and the desk's own verdicts
  Checking a claim that was checked last month, by the desk or by another fact-checker, is the
  most expensive mistake a desk makes. Published fact-checks come into an archive, and every new
  claim is matched against it and against the desk's own claims, so an editor sees "seen before"
  with the earlier verdict without asking.

  Background:
    Given I am editor "ana"
    And a file "checks.json" containing:
      """
      [
        {"@context": "https://schema.org", "@type": "ClaimReview",
         "claimReviewed": "Drinking hot water with lemon cures cancer.",
         "url": "https://checks.example.org/lemon-water", "datePublished": "2024-03-02",
         "author": {"@type": "Organization", "name": "Example Checks"},
         "headline": "Hot lemon water does not cure cancer",
         "reviewRating": {"@type": "Rating", "alternateName": "False", "ratingValue": 1, "bestRating": 5, "worstRating": 1},
         "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A viral post"},
                          "appearance": [{"url": "https://social.example.com/post/1"}], "datePublished": "2024-02-28"}},
        {"@context": "https://schema.org", "@type": "ClaimReview",
         "claimReviewed": "The Eiffel Tower will be dismantled and moved to Las Vegas.",
         "url": "https://checks.example.org/eiffel-vegas", "datePublished": "2024-04-01",
         "author": {"@type": "Organization", "name": "Example Checks"},
         "reviewRating": {"@type": "Rating", "alternateName": "Satire"}}
      ]
      """

  Scenario: Importing published fact-checks, then the same file again
    When I run "claims factchecks import checks.json"
    Then the command succeeds
    And the output says "Imported 2 fact-checks: 2 new"
    When I run "claims factchecks import checks.json"
    Then the output says "0 new, 0 reworded at a known address, 0 updated, 2 unchanged"
    And the archive holds 2 fact-checks
    And the fact-check "Drinking hot water with lemon cures cancer." is rated "False" by "Example Checks"

  Scenario: Fact-checks as JSON Lines and as a schema.org data feed, one without a rating
    Given a file "feed.json" containing:
      """
      {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": [
        {"@type": "DataFeedItem", "item": [
          {"@type": "ClaimReview", "claimReviewed": "Nestle raised its dividend to 3 francs a share.",
           "url": "https://checks.example.org/nestle", "datePublished": "2024-04-20",
           "author": {"@type": "Organization", "name": "Example Checks"}}]}]}
      """
    And a file "lines.jsonl" containing:
      """
      {"@type": "ClaimReview", "claimReviewed": "Bananas are radioactive.", "url": "https://checks.example.org/bananas"}
      {"@type": "ClaimReview", "claimReviewed": "Goldfish remember for three seconds.", "url": "https://checks.example.org/goldfish"}
      """
    When I run "claims factchecks import feed.json"
    Then the output says "Imported 1 fact-check: 1 new"
    When I run "claims factchecks import lines.jsonl"
    Then the output says "Imported 2 fact-checks: 2 new"
    And the archive holds 3 fact-checks
    And the fact-check "Nestle raised its dividend to 3 francs a share." has no rating

  Scenario: A changed rating is updated and a reworded claim at the same page is a new fact-check
    Given I ran "claims factchecks import checks.json"
    And a file "again.jsonl" containing:
      """
      {"@type": "ClaimReview", "claimReviewed": "The Eiffel Tower will be dismantled and moved to Las Vegas.", "url": "https://checks.example.org/eiffel-vegas", "datePublished": "2024-04-01", "author": {"@type": "Organization", "name": "Example Checks"}, "reviewRating": {"@type": "Rating", "alternateName": "False"}}
      {"@type": "ClaimReview", "claimReviewed": "The Eiffel Tower is being sold to Las Vegas.", "url": "https://checks.example.org/eiffel-vegas"}
      """
    When I run "claims factchecks import again.jsonl"
    Then the output says "0 new, 1 reworded at a known address, 1 updated, 0 unchanged"
    And the output says "Updated https://checks.example.org/eiffel-vegas: rating."
    And the output says "New claim reviewed at https://checks.example.org/eiffel-vegas"
    And the archive holds 3 fact-checks
    And the fact-check "The Eiffel Tower will be dismantled and moved to Las Vegas." is rated "False" by "Example Checks"

  Scenario: A bad item imports nothing and is named
    Given a file "bad.jsonl" containing:
      """
      {"@type": "ClaimReview", "claimReviewed": "Bananas are radioactive.", "url": "https://checks.example.org/bananas"}
      {"@type": "ClaimReview", "claimReviewed": "Goldfish remember for three seconds.", "url": "https://checks.example.org/goldfish", "datePublished": "last spring"}
      """
    When I run "claims factchecks import bad.jsonl"
    Then the command fails with "item 2 (https://checks.example.org/goldfish): datePublished is not a date: 'last spring'"
    And the archive holds 0 fact-checks

  Scenario: A fact-check whose address is too long to store is refused, on either database
    Given a feed "feed.jsonl" of 3 fact-checks whose item 2 has an address of 2,100 characters
    When I run "claims factchecks import feed.jsonl"
    Then the command fails with "item 2 (https://checks.example.org/water-2-xxx"
    And the command fails with "url is 2,100 characters long; the most is 2,000"
    And the archive holds 0 fact-checks

  Scenario: A long feed is stored as it is read, and a bad item far down it still imports nothing
    Given a feed "long.jsonl" of 1200 fact-checks whose item 1100 has no url
    When I run "claims factchecks import long.jsonl"
    Then the command fails with "item 1100: no url"
    And the archive holds 0 fact-checks
    Given a feed "long.jsonl" of 1200 fact-checks
    When I run "claims factchecks import long.jsonl"
    Then the output says "Imported 1200 fact-checks: 1200 new"
    And the archive holds 1200 fact-checks

  Scenario: Matching a sentence that paraphrases a published fact-check
    Given I ran "claims factchecks import checks.json"
    When I run "claims match 'Hot water with lemon juice is a cure for cancer' --format json"
    Then the best match is the fact-check "Drinking hot water with lemon cures cancer." rated "False" by "Example Checks"
    And the best match reads as the same claim

  Scenario: Several sentences, one answer a line, in order
    Given I ran "claims factchecks import checks.json"
    When I run "claims match -" with the lines "Lemon water cures cancer" and "They are moving the Eiffel Tower to Las Vegas"
    Then the answers come back in order, matching "https://checks.example.org/lemon-water" then "https://checks.example.org/eiffel-vegas"

  Scenario: A new article repeats a claim the desk confirmed last week
    Given a source "Deals of the week" from "Wire" published 2024-05-01 at "https://example.org/deals"
    And I ran "claims add 'Amazon acquired the self-driving startup Zoox' --source 1"
    And I ran "claims review [Zoox]"
    And I ran "claims confirm [Zoox] --evidence https://example.org/amazon-pr --note 'Amazon press release'"
    And a source "Robotaxis" from "Tech Desk" published 2024-05-08 at "https://example.org/robotaxis"
    When I run "claims add 'Amazon bought Zoox, the self-driving startup' --source 2"
    Then the output says "Seen before: claim 2 is like claim 1"
    And the output says "confirmed, ana"
    When I run "claims list --seen-before --format json"
    Then the listed claims are "Amazon bought Zoox, the self-driving startup"
    And claim 2 shows the confirmed claim 1 among its matches

  Scenario: Importing fact-checks flags the open claims they review
    Given a source "Health rumours" from "Wire" published 2024-03-05 at "https://example.org/rumours"
    And I ran "claims add 'Hot lemon water cures cancer, a post says' --source 1"
    When I run "claims factchecks import checks.json"
    Then the output says "Matched 1 open claim against the archive."
    When I run "claims list --seen-before --format json"
    Then the listed claims are "Hot lemon water cures cancer, a post says"
    When I run "claims report"
    Then the output says "0 of 1 claims resolved (0%), 1 already checked elsewhere."

  Scenario: An unrelated claim matches nothing
    Given I ran "claims factchecks import checks.json"
    And a source "Town hall" from "Local" published 2024-05-02 at "https://example.org/town"
    When I run "claims match 'The city council approved a new bicycle lane on Elm Street'"
    Then the output says "Nothing matches"
    When I run "claims add 'The city council approved a new bicycle lane on Elm Street' --source 1"
    Then the output does not say "Seen before"
    When I run "claims list --seen-before --format json"
    Then 0 claims are listed

  Scenario: A spreadsheet's claims wait for matching in batches
    Given I ran "claims factchecks import checks.json"
    And a file "sheet.csv" holding "text\nLemon water cures cancer\nThe Eiffel Tower is moving to Las Vegas"
    When I run "claims import sheet.csv"
    Then the output says "2 claims waiting to be matched against the archive: run `claims match --pending`."
    When I run "claims match --pending"
    Then the output says "Matched 2 claims against the archive."
    When I run "claims list --seen-before --format json"
    Then 2 claims are listed

  Scenario: Settling a match: the claim is the one the fact-check reviewed, and then it is not
    Given I ran "claims factchecks import checks.json"
    And a claim "Hot water with lemon cures cancer, says a viral post"
    When I run "claims link [lemon] --factcheck 1 --note 'Same post'"
    Then the output says "is linked to fact-check 1"
    When I run "claims history [lemon]"
    Then the output says "linked to fact-check 1"
    When I run "claims link [lemon] --factcheck 1"
    Then the command fails with "already linked to fact-check 1"
    When I run "claims link [lemon] --factcheck 99"
    Then the command fails with "no fact-check with id 99"
    When I run "claims unlink [lemon] --factcheck 1 --note 'Another post'"
    Then the output says "is no longer linked to fact-check 1"
    And every claim's history gives its current state
