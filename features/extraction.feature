Feature: Claim detection an editor can trust
  The detector says what it found and why: each claim's kind, who made it, what it names and the
  reasons it was kept. An editor can see every sentence it passed over, and anyone can measure it.

  Background:
    Given I am editor "ana"
    And a file "sina.txt" containing:
      """
      Sina's revenue rose 76% to $1.13bn in 2020, according to Reuters.
      Weibo, a subsidiary of Sina, launched a video service on January 22, 2021.
      "Our engineers built it in six months," Sina chief executive Charles Chao told analysts.
      Sina will open an office in London in 2022. The company hired 300 engineers in 2021.
      On the other hand, Tencent bought a 5% stake in Kuaishou for $2bn.
      In our view, the deal is a smart move.
      """

  Scenario: Each claim comes with its kind, claimant, entities and reasons
    When I run "claims extract sina.txt --format json"
    Then the command succeeds
    And the claim "Sina's revenue rose 76% to $1.13bn in 2020" is a fact by "Reuters"
    And it names "Sina" (organization), "76%" (percent), "$1.13bn" (money) and "2020" (date)
    And it was kept for "financial result; money amount; percentage; attributed to Reuters"
    And the claim "Our engineers built it in six months," is a quote by "Charles Chao"
    And the claim "Sina will open an office in London in 2022" is a prediction
    And it was kept for "hedge: will"
    And the claim "Weibo launched a video service on January 22, 2021" names "2021-01-22" (date)

  Scenario: One statement per claim, in the article's own words
    When I run "claims extract sina.txt --format json"
    Then the claims include "Weibo launched a video service on January 22, 2021"
    And the claims include "Weibo is a subsidiary of Sina"
    And the claims include "[Sina] hired 300 engineers in 2021"
    And the claims include "Tencent bought a 5% stake in Kuaishou for $2bn"
    And every claim's sentence stands word for word at its offsets in "sina.txt"

  Scenario: The table shows why each claim was kept
    When I run "claims extract sina.txt"
    Then the command succeeds
    And the output says "7 claims"
    And the output says "attributed to Reuters"
    And the output says "acquisition verb"

  Scenario: Every sentence, kept or not, and promoting one the detector passed over
    When I run "claims extract sina.txt --all --format json"
    Then there is a candidate for each of the 7 sentences
    And the claim "In our view, the deal is a smart move" is not kept, as an opinion
    Given I ran "claims source add sina.txt --title 'Sina results' --outlet Wire"
    When I run "claims add 'In our view, the deal is a smart move' --source 1"
    Then the command succeeds
    And the claim about "smart move" is unverified

  Scenario: Who made a stored claim: the person or source named, else the outlet
    Given I ran "claims source add sina.txt --title 'Sina results' --outlet Wire"
    Then the claim about "revenue rose 76%" is attributed to "Reuters"
    And the claim about "built it in six months" is attributed to "Charles Chao"
    And the claim about "Kuaishou" is attributed to "Wire"

  Scenario: Listing claims by kind; a prediction says it cannot be confirmed yet
    Given I ran "claims source add sina.txt --title 'Sina results' --outlet Wire"
    When I run "claims list --kind prediction --format json"
    Then the listed claims are "Sina will open an office in London in 2022"
    When I run "claims list --kind quote --kind fact --format json"
    Then 6 claims are listed
    When I run "claims list --kind prediction"
    Then the output says "1 prediction listed: it cannot be confirmed until it happens."
    When I run "claims show [London]"
    Then the output says "prediction: cannot be confirmed until it happens"
    When I run "claims list --kind rumour"
    Then the command fails with "unknown kind 'rumour'; choose one of: fact, prediction, quote, opinion"

  Scenario: Finding claims by what they name
    Given I ran "claims source add sina.txt --title 'Sina results' --outlet Wire"
    When I run "claims list --entity sina --format json"
    Then every listed claim mentions "Sina"
    And 4 claims are listed
    When I run "claims list --entity 2021-01-22 --format json"
    Then the listed claims are "Weibo launched a video service on January 22, 2021"

  Scenario: The entities the desk's claims name, with their claims by status
    Given I ran "claims source add sina.txt --title 'Sina results' --outlet Wire"
    And I ran "claims review [Kuaishou]"
    When I run "claims entities --format json"
    Then the entity "Sina" (organization) has 4 claims, 4 unverified
    And the entity "Tencent" (organization) has 1 claim, 1 in_review
    And the entity "$1.13bn" (money) has 1 claim, 1 unverified
    When I run "claims entities --label money --format json"
    Then only money entities are listed: "$1.13bn, $2bn"
    When I run "claims entities --label organisation --format csv"
    Then the output says "name,label,claims,unverified,in_review,confirmed,refuted,mixed,unverifiable"
    And the output says "Sina,organization,4,4,0,0,0,0,0"
    When I run "claims entities"
    Then the output says "1 in_review"
    When I run "claims entities --label planet"
    Then the command fails with "unknown entity label 'planet'"

  Scenario: Scoring sentences one per line, as the detector is measured
    When I score these lines:
      """
      Amazon acquired the self-driving start-up Zoox for $1.2bn in 2020.

      Thank you so much, it is great to be here tonight.
      """
    Then the command succeeds
    And there are 3 scored lines, in the order given
    And the scored line 1 is kept and line 3 is not
    When I score these lines as JSON:
      """
      Amazon acquired the self-driving start-up Zoox for $1.2bn in 2020.
      Thank you so much, it is great to be here tonight.
      """
    Then the JSON lists 2 scores, the first kept
    When I run "claims score missing.txt"
    Then the command fails with "no such file: missing.txt"
