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

  @no_database
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

  @no_database
  Scenario: One statement per claim, in the article's own words
    When I run "claims extract sina.txt --format json"
    Then the claims include "Weibo launched a video service on January 22, 2021"
    And the claims include "Weibo is a subsidiary of Sina"
    And the claims include "[Sina] hired 300 engineers in 2021"
    And the claims include "Tencent bought a 5% stake in Kuaishou for $2bn"
    And every claim's sentence stands word for word at its offsets in "sina.txt"

  @no_database
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
    Then the output says "1 in review"
    When I run "claims entities --label planet"
    Then the command fails with "unknown entity label 'planet'"

  @no_database
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

  Scenario: Who said it: the person or organisation the sentence credits, else the outlet
    Given a file "wire.txt" containing:
      """
      Ghana announced on Monday that its revenues had broken new records in 2004.
      Owning all 10 gadgets will set the gadget lover back £7,455, according to a round-up compiled by Stuff Magazine.
      "Gadgets are now cheaper than ever," said editor Will Dunn.
      One in 13 pupils misses school each day, the Department for Education and Skills said.
      Chancellor Gordon Brown told MPs that the economy had grown for 50 quarters in a row.
      The Conservatives dismissed the figures as "a fantasy" built on 800,000 jobs that do not exist.
      Farmer Ada Obi warned that the naira had lost 30% of its value.
      Drought has cost farmers A$2.1bn this year.
      """
    When I run "claims source add wire.txt --outlet 'BBC News'"
    Then the command succeeds
    And the claim about "revenues had broken new records" is attributed to "Ghana"
    And the claim about "£7,455" is attributed to "Stuff Magazine"
    And the claim about "cheaper than ever" is attributed to "Will Dunn"
    And the claim about "One in 13 pupils" is attributed to "Department for Education and Skills"
    And the claim about "50 quarters" is attributed to "Gordon Brown"
    And the claim about "a fantasy" is attributed to "Conservatives"
    And the claim about "naira" is attributed to "Ada Obi"
    And the claim about "Drought" is attributed to "BBC News"
    When I run "claims show [£7,455]"
    Then the output says "Stuff Magazine"
    And the output says "according to a round-up compiled by Stuff Magazine"

  Scenario: Without --outlet, source add says whom the article's own statements are credited to
    Given a file "wire.txt" containing:
      """
      Drought has cost farmers A$2.1bn this year.
      """
    When I run "claims source add wire.txt --url https://www.example-news.com/drought"
    Then the output says "The article's own statements are credited to example-news.com (from its address)"
    And the claim about "Drought" is attributed to "example-news.com"

  Scenario: "He" and "the chancellor" are the person the article last named
    Given a file "budget.txt" containing:
      """
      Chancellor Gordon Brown told MPs that the economy had grown for 50 quarters in a row.
      He said borrowing would fall to £30bn next year.
      The chancellor estimated that 800,000 jobs had been created since 2001.
      """
    When I run "claims extract budget.txt --format json"
    Then the claims include "[Gordon Brown] said borrowing would fall to £30bn next year"
    And the claims include "[Gordon Brown] estimated that 800,000 jobs had been created since 2001"
    And the claim "[Gordon Brown] said borrowing would fall to £30bn next year" is a prediction by "Gordon Brown"

  Scenario: The words inside quotation marks and brackets are the article's own
    Given a file "results.txt" containing:
      """
      "Gadgets are now cheaper than ever, and we sold 200 of them; nobody expected that," said editor Will Dunn.
      Revenue dipped 1.4% to 86.7bn Swiss francs ($74.6bn; £39.1bn) in 2004 as sales of ice cream fell.
      """
    When I run "claims extract results.txt --all --format json"
    Then every quotation in a claim stands word for word in "results.txt"
    And no claim starts or ends inside brackets or quotation marks
    And the claims include "Revenue dipped 1.4% to 86.7bn Swiss francs ($74.6bn; £39.1bn) in 2004 as sales of ice cream fell"
    And the claim about "Swiss francs" names "CHF 86.7bn" (money), "$74.6bn" (money), "£39.1bn" (money) and "1.4%" (percent)

  Scenario: The numbers that make the story are found: statistics, amounts with their currency, rankings
    Given a file "truancy.txt" containing:
      """
      One in 13 pupils misses school each day.
      That is half a million children, and truancy initiatives have cost £885m since 1997.
      Farmers in Nigeria sold 200 cows for 40 million naira. Daesan made a profit of 3.4 trillion won.
      Spain is the world's second-largest producer of olive oil.
      """
    When I run "claims extract truancy.txt --format json"
    Then the claim about "One in 13 pupils" names "One in 13 pupils" (count)
    And the claim about "half a million" names "half a million children" (count)
    And the claim about "£885m" names "£885m" (money) and "1997" (date)
    And the claim about "naira" names "NGN 40m" (money) and "200 cows" (count)
    And the claim about "won" names "KRW 3.4tn" (money)
    And the claim about "second-largest" is a fact

  Scenario: People are people, a title is one entity, and a later "Carrey" is Jim Carrey
    Given a file "film.txt" containing:
      """
      Jim Carrey stars in A Series of Unfortunate Events, which took $30m in its first weekend.
      Carrey earned $20m for the role, according to Variety.
      """
    When I run "claims extract film.txt --format json"
    Then the claim about "took $30m" names "Jim Carrey" (person) and "A Series of Unfortunate Events" (work)
    And the claim about "earned $20m" names "Jim Carrey" (person) and "Variety" (organization)
    Given I ran "claims source add film.txt --outlet 'BBC News'"
    When I run "claims list --entity 'Jim Carrey' --format json"
    Then 2 claims are listed
    When I run "claims list --entity carrey --format json"
    Then 2 claims are listed
    When I run "claims entities --label work --format json"
    Then the output says "A Series of Unfortunate Events"

  Scenario: Kinds: the future is a prediction, a price or a past event a fact, a quotation a quote
    Given a file "kinds.txt" containing:
      """
      800 parents were warned they could face fines last year.
      Owning all 10 gadgets will set the gadget lover back £7,455.
      Bath prop Duncan Bell has been added to England's squad for the match against Wales.
      The council will close 12 libraries by 2026.
      "We sold 200 cows for 40 million naira last month," said farmer Ada Obi.
      """
    When I run "claims extract kinds.txt --format json"
    Then the claim about "800 parents" is a fact
    And the claim about "£7,455" is a fact
    And the claim about "Duncan Bell" is a fact
    And the claim about "12 libraries" is a prediction
    And the claim about "200 cows" is a quote
