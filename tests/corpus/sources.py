"""The corpus's source texts: invented stories on invented places, people and numbers.

All prose here was written for this corpus. `build_corpus.py` renders it into `pages/`. The
typography is deliberate: curly quotes and apostrophes, en and em dashes, no-break spaces
(`&nbsp;`), thin spaces, soft hyphens (`&shy;`) and ligature characters (ﬁ, ﬂ) appear where the
cases in `cases.toml` need them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    slug: str
    site: str
    title: str
    author: str
    date: str
    section: str
    description: str
    body: str
    comments: tuple[tuple[str, str, str], ...] = ()
    jsonld_body: str | None = None
    related: tuple[str, ...] = ()


@dataclass(frozen=True)
class PdfDoc:
    slug: str
    title: str
    author: str
    running_header: str
    pages: tuple[tuple[str, ...], ...]  # per page: blocks; "# " starts a heading


PAGES_HTML: list[Page] = []


def page(**kwargs: object) -> None:
    PAGES_HTML.append(Page(**kwargs))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- 1
page(
    slug="harbour-dredging",
    site="courier",
    title="Kestrel Bay harbour dredging finishes six weeks late",
    author="Maren Tolhurst",
    date="2024-03-08",
    section="Ports",
    description="The deeper channel opens the bay to larger container ships, but the bill ran a third over budget.",
    body="""<p>Dredging of the main shipping channel at Kestrel Bay finished on Friday, six weeks behind the schedule the port authority published last spring.</p>
<p>Contractors removed 2.4&nbsp;million cubic metres of silt from the channel, which now has a depth of 14.5 metres at low tide. The authority put the final cost at €48.5&nbsp;million, roughly a third more than the original estimate.</p>
<p>“We underestimated how much clay sat beneath the silt,” said harbour master Orla Penhallow. “The clay doesn’t come up with the suction heads, so every section had to be cut twice.”</p>
<p>Fishing crews have complained since October that the work narrowed the channel for their boats at night. Penhallow said the authority would not compensate them, because the restrictions were announced in advance.</p>
<figure class="inline-image"><img src="/img/dredger-marlijn.jpg" alt="A dredger at work" width="800" height="450"><figcaption>The dredger <em>Marlijn</em> working the outer channel in February, when storms halted operations for nine days. Photo: Kestrel Bay Port Authority</figcaption></figure>
<p>The deeper channel means container ships with a draught of up to 13 metres can now enter the bay without waiting for high tide. The port expects the number of such calls to double by 2027.</p>
<aside class="factbox"><h3>At a glance</h3><p>The previous dredging campaign, in 2009, removed less than half as much material and took four months.</p></aside>
<p>Environmental groups remain sceptical. The silt was dumped at a licensed site 11 kilometres offshore, and the Kestrel Bay Seagrass Trust says monitoring there has been “patchy at best”.</p>""",
    comments=(
        (
            "salty_pete",
            "8 March 2024, 09:14",
            "Six weeks late and a third over. Who signs off on these estimates?",
        ),
        (
            "Janine R",
            "8 March 2024, 11:02",
            "My brother fishes out of the east quay and the night closures cost him a fortune.",
        ),
    ),
)

# --------------------------------------------------------------------------- 2
page(
    slug="urban-bees",
    site="allotment",
    title="What our rooftop hives taught us in year three",
    author="Hester Quayle",
    date="2023-11-19",
    section="Bees",
    description="Notes on honey yields, swarms and neighbours from a city allotment society.",
    body="""<p>Three summers ago the Brackenfield Allotment Society put four hives on the roof of the old tram depot. This year we finally have numbers worth sharing, so here they are – with the caveat that four hives is a tiny sample.</p>
<p>The hives produced 61 kilograms of honey between them, up from 38 kilograms last year. Almost all of the increase came from the two hives facing the railway embankment, where the lime trees ﬂower late in June.</p>
<p>We lost one colony over the winter. It wasn’t disease: a mouse got in through a gap we should have spotted in October, and by February the cluster had starved beside a full frame of stores.</p>
<h2>Swarms and the neighbours</h2>
<p>Our biggest worry in year one was swarming. A swarm landing on a bus shelter is the sort of thing that ends a rooftop project, and the depot is two streets from a primary school.</p>
<p>In the end there were two swarms this year, both in May, and both were caught within the hour. Nobody complained. One neighbour asked whether she could have a jar in exchange for the view from her kitchen window, which seemed fair.</p>
<blockquote><p>“Keep the records boring and regular, and the bees will tell you what changed.”</p></blockquote>
<p>That advice came from Alun Pritchard, who kept bees on the same depot roof in the 1980s and dropped by in August with a notebook full of weights. His best year was 1987, when three hives gave him 70&nbsp;kilograms.</p>
<p>Next season we want to weigh each hive weekly rather than monthly. If anyone has a spare set of platform scales, you know where the shed is.</p>""",
    comments=(
        (
            "Moira (plot 14)",
            "November 20, 2023 at 7:41 am",
            "The lime trees are the secret, I’m sure of it. Great write-up.",
        ),
        (
            "Dev",
            "November 21, 2023 at 6:03 pm",
            "Happy to lend scales in spring – I have two from the old market stall.",
        ),
    ),
)

# --------------------------------------------------------------------------- 3
page(
    slug="rail-electrification",
    site="meridian",
    title="Wiring the Northern Loop: costs and choices for rail electrification",
    author="Tomasz Wierzba and Ada Lindqvist",
    date="2024-01-30",
    section="Transport",
    description="Full electrification, battery trains or a mix: what the Northern Loop can afford.",
    body="""<p>The Northern Loop is 212&nbsp;kilometres of double track, of which only 38 kilometres are electrified today. Diesel trains still carry roughly four in five passengers on the route.</p>
<p>This brief compares three options. The first wires the whole line; the second wires the busiest core and runs battery trains beyond it; the third keeps diesel but replaces the fleet.</p>
<aside class="key-findings"><h2>Key findings</h2><ul><li>Partial wiring with battery trains delivers most of the emissions cut at under half the capital cost.</li><li>Full electrification only pays back if freight traffic grows faster than forecast.</li></ul></aside>
<h2>Costs compared</h2>
<table class="data-table"><caption>Table 1. Capital cost and emissions by option (2023 prices)</caption>
<thead><tr><th>Option</th><th>Capital cost</th><th>CO₂ saved per year</th><th>Notes</th></tr></thead>
<tbody>
<tr><td>A. Full electrification</td><td>£1.9bn</td><td>118,000 t</td><td>Requires rebuilding nine overbridges</td></tr>
<tr><td>B. Core wiring plus battery trains</td><td>£860m</td><td>97,000 t</td><td>Battery range of 80 km assumed</td></tr>
<tr><td>C. New diesel fleet</td><td>£410m</td><td>12,000 t</td><td>Locks in diesel until the 2050s</td></tr>
</tbody></table>
<p>Option B is our recommendation. It saves about 82 per cent as much carbon as full electrification for 45 per cent of the cost, and it leaves the door open to wiring more of the line later.</p>
<p>The main risk is battery range in winter. Operators on comparable lines report losing up to a fifth of their range in freezing weather, which is why we assumed 80 kilometres rather than the 100 that manufacturers advertise.</p>
<p>We do not recommend option C. A new diesel fleet would be cheap today, but it would lock the Loop into diesel for three decades and leave the region’s transport emissions almost unchanged.</p>""",
)

# --------------------------------------------------------------------------- 4
page(
    slug="library-digitisation",
    site="council",
    title="Harrowgate’s local newspaper archive goes online",
    author="Harrowgate District Council, Libraries and Archives",
    date="2023-09-12",
    section="Libraries",
    description="",
    body="""<p>More than 180,000 pages of local newspapers, dating from 1851 to 1979, can now be searched free of charge on the council’s archive website.</p>
<p>The digi&shy;tisation project took three years and cost £640,000, of which £410,000 came from a national heritage grant. The remainder was met from the libraries budget and from donations by the Harrowgate Local History Society.</p>
<p>Councillor Priya Hallam, cabinet member for culture, said: “These papers are where our town wrote down its own history, week by week. Until now you had to book a microfilm reader in the central library to see them.”</p>
<h2>What is included</h2>
<p>The collection includes the <em>Harrowgate Mercury</em>, the <em>Dale Valley Gazette</em> and two short-lived weekly papers from the 1920s. Issues from 1940 to 1945 are incomplete, because a flood in the basement store destroyed part of the run in 1968.</p>
<p>Text recognition was run on every page, but the council warns that older print is not always read correctly. Volunteers have already corrected 12,000 pages by hand and the work continues.</p>
<p>Copies of individual pages can be ordered for £3.50 each. The archive website does not require an account, and searches are not recorded.</p>""",
)

# --------------------------------------------------------------------------- 5
page(
    slug="glacier-monitoring",
    site="atlas",
    title="Listening to a glacier retreat",
    author="Signe Rautio",
    date="2023-10-02",
    section="Science",
    description="On the Vardefjell ice cap, a small team measures what the ice loses every summer.",
    body="""<p class="dropcap">The stakes are orange, two metres long, and drilled into the ice every May. By September some of them lie flat on the surface, melted out of the holes that held them. That is the simplest measure&shy;ment the Vardefjell team makes, and still the one they trust most.</p>
<figure class="wide"><img src="/photos/stake-line.jpg" alt=""><figcaption>A line of ablation stakes on the lower tongue of the ice cap; each stake is read by hand twice a month from June to September.</figcaption></figure>
<p>Between 2013 and 2022 the ice cap lost an average of 1.2 metres of water equivalent a year across its surface. In the hot summer of 2018 the loss reached 2.1 metres, a figure the team’s leader, glaciologist Eirik Haugland, still describes as “a punch in the stomach”.</p>
<aside class="pullquote"><p>“We are not watching the glacier die. We are taking its pulse while it is still here to be measured.”</p><cite>Eirik Haugland</cite></aside>
<p>The stakes are no longer alone. Since 2019 a pair of seismometers has listened to the ice cracking as meltwater drains through it, and a time-lapse camera on the eastern ridge photographs the front every three hours.</p>
<p>Haugland is careful about what the instruments can and cannot tell him. The seismometers pick up drainage events, he says, but they don’t measure how much water leaves the ice. That still depends on a gauge in the river below, which has broken twice in floods.</p>
<figure><img src="/photos/gauge.jpg" alt=""><figcaption>The river gauge below the ice cap was rebuilt in 2021 after a flood carried away its housing.</figcaption></figure>
<p>Funding for the programme runs until 2026. After that, the team hopes a national monitoring scheme will take it over, though no decision has been made.</p>""",
)

# --------------------------------------------------------------------------- 6
page(
    slug="municipal-compost",
    site="courier",
    title="Food waste collections cut town’s landfill by a quarter",
    author="Dilys Ancrum",
    date="2024-02-14",
    section="Environment",
    description="A year after weekly food caddies arrived, the numbers are in.",
    body="""<p>The amount of household rubbish sent to landfill from Saltmarsh fell by 24 per cent in the first year of weekly food waste collections, figures released by the district council show.</p>
<p>Residents put out 3,150 tonnes of food waste in the caddies between January and December, which was turned into compost and biogas at the Wrenfield digester. The council had forecast 2,600 tonnes.</p>
<p>“People took to it faster than we dared hope,” said waste manager Colm Fairweather. “The caddies are small, they’re emptied every week, and nobody wants last night’s curry sitting in the wheelie bin for a fortnight.”</p>
<p>Not everyone is convinced. Residents of flats in the Northgate estate say there is nowhere to store the caddies, and participation there was below 30 per cent.</p>
<p>The council said it would trial communal food bins in Northgate from April. It did not say how much the trial would cost.</p>
<p>Collections cost £1.1 million in their first year, partly oﬀset by £280,000 saved in landfill tax.</p>""",
    comments=(
        (
            "greenthumb22",
            "14 Feb 2024",
            "Compost from Wrenfield is free to collect on Saturdays, worth knowing.",
        ),
    ),
)

# --------------------------------------------------------------------------- 7
page(
    slug="youth-chess",
    site="courier",
    title="Chess club’s schools scheme reaches 1,000 pupils",
    author="Ravi Oduya",
    date="2023-06-21",
    section="Community",
    description="Volunteers from the Kestrel Bay Chess Club now coach in eleven primary schools.",
    body="""<p>A scheme that sends volunteer coaches from the Kestrel Bay Chess Club into primary schools has now taught more than 1,000 pupils, the club said this week.</p>
<p>The coaches visit eleven schools once a week during term. Each session lasts 45 minutes and ends with a short tournament, which the children score themselves on paper sheets.</p>
<p>Club secretary Wendeline Okafor started the scheme in 2019 with two schools and a box of plastic sets. “I thought it might last a term,” she said. “The children had other ideas.”</p>
<figure><img src="/img/chess-hall.jpg" alt=""><figcaption>Pupils from St Bride’s Primary at the county junior championship, where the school’s team finished third.</figcaption></figure>
<p>Teachers say the sessions help with concentration, though the club is careful not to claim too much. “We’re not promising better maths results,” Okafor said. “We’re promising an hour where nobody is looking at a screen.”</p>
<p>The scheme runs on donations and a grant of £7,500 a year from the town’s community fund. The club would like to reach 15 schools by 2025 but says it needs at least six more volunteers to do it.</p>""",
)

# --------------------------------------------------------------------------- 8
page(
    slug="ferry-timetable",
    site="council",
    title="Winter ferry timetable: fewer sailings to Hollin Isle",
    author="Harrowgate District Council, Transport",
    date="2023-10-20",
    section="Transport",
    description="",
    body="""<p>From 4&nbsp;November the ferry between Porthallow and Hollin Isle will run six return sailings a day on weekdays, down from nine in the summer timetable.</p>
<p>Weekend sailings will be reduced to four a day. The first departure from Porthallow will be at 07:15 and the last return from the island at 18:40.</p>
<p>The council said the change reflected lower passenger numbers in winter, when the ferry typically carries fewer than 200 people a day, against more than 900 in August.</p>
<p>Islanders have objected that the last return sailing is too early for anyone working a full day on the mainland. In a statement, the Hollin Isle Community Council said the timetable “treats the island as a holiday destination rather than a place where people live”.</p>
<p>The transport committee has agreed to review the last sailing time in January. It has not agreed to restore any of the cancelled sailings.</p>
<p>Fares are unchanged: a return ticket costs £6.20 for adults and £3.10 for children, and island residents travel free.</p>""",
)

# --------------------------------------------------------------------------- 9
page(
    slug="textile-cooperative",
    site="atlas",
    title="The weavers who bought their mill",
    author="Josefa Marchetti",
    date="2024-04-11",
    section="Work",
    description="When the owners of a wool mill decided to close it, thirty-one workers raised the money to keep it running.",
    body="""<p class="dropcap">In the spring of 2020 the owners of Carrow Mill told its 31 employees that the business would close by the end of the year. Eighteen months later the same employees owned it.</p>
<p>The buyout cost £1.35 million. The workers put in £210,000 of their own savings, a community share offer raised £540,000 and the rest came as a loan from a cooperative development bank.</p>
<aside class="pullquote"><p>“Nobody here had ever read a balance sheet. Now we argue about them at lunch.”</p></aside>
<p>“We were told the mill couldn’t compete,” said Bronagh Tierney, who has worked the looms for twenty-two years and now chairs the cooperative’s board. “What they meant was it couldn’t compete while paying a dividend to people who never came here.”</p>
<figure><img src="/img/looms.jpg" alt=""><figcaption>Dobby looms on the mill’s upper floor, some of them older than the building’s electrical wiring.</figcaption></figure>
<p>The mill now makes blankets and upholstery cloth for about forty small furniture makers. Turnover last year was £2.8 million, and the cooperative made a small profit for the first time.</p>
<p>Wages have risen by 9 per cent since the buyout. Tierney admits the hours have not got shorter. “Owning the place means you can’t blame anyone else when the dye vat breaks,” she said.</p>""",
)

# --------------------------------------------------------------------------- 10
page(
    slug="wind-auction",
    site="ledger",
    title="Offshore wind auction clears at record low strike prices",
    author="Priyanka Ekwueme",
    date="2024-05-23",
    section="Energy",
    description="",
    body="""<p>The fourth offshore wind auction in the Salt Sea zone awarded contracts for 3.2 gigawatts of capacity, the largest round so far, at strike prices below what analysts had expected.</p>
<p>The lowest winning bid was €41.90 per megawatt hour, for the 900-megawatt Gannet Rise project. The average across the five winning projects was €47.30.</p>
<table><thead><tr><th>Project</th><th>Developer</th><th>Capacity (MW)</th><th>Strike price (€/MWh)</th></tr></thead>
<tbody>
<tr><td>Gannet Rise</td><td>Nordvik Energi</td><td>900</td><td>41.90</td></tr>
<tr><td>Skerry Bank</td><td>Halcyon Renewables</td><td>750</td><td>46.20</td></tr>
<tr><td>Tern Deep</td><td>Nordvik Energi</td><td>600</td><td>48.75</td></tr>
<tr><td>Outer Pollack</td><td>Brightwater Offshore</td><td>550</td><td>49.10</td></tr>
<tr><td>Marram East</td><td>Halcyon Renewables</td><td>400</td><td>51.40</td></tr>
</tbody></table>
<p>Industry groups had warned that rising turbine costs would push prices up. Instead, developers appear to have bet on larger turbines and cheaper financing later in the decade.</p>
<p>“These are aggressive bids,” said Lukas Brennecke, an analyst at Fjordline Capital. “Some of these projects will only work if interest rates fall by at least a point before construction starts.”</p>
<p>Two bidders that won contracts in the previous round have since asked to renegotiate, and one project from that round has been cancelled outright.</p>""",
)

# --------------------------------------------------------------------------- 11
page(
    slug="waiting-times",
    site="meridian",
    title="Why hip replacement waits doubled in the Eastern Region",
    author="Dr Morwenna Achebe",
    date="2023-12-05",
    section="Health",
    description="Theatre capacity, not demand, explains most of the growth in waiting times.",
    body="""<p>The median wait for a hip replacement in the Eastern Region rose from 19 weeks in 2019 to 41 weeks in 2023. Demand grew over the same period, but by far less than the waits suggest.</p>
<p>Referrals for hip replacement rose by 11 per cent. The number of operations performed fell by 17 per cent, chiefly because two of the region’s nine orthopaedic theatres were closed for repairs for most of 2022.</p>
<table><caption>Table 2. Hip replacements in the Eastern Region</caption>
<tr><th>Year</th><th>Referrals</th><th>Operations</th><th>Median wait</th></tr>
<tr><td>2019</td><td>6,480</td><td>6,210</td><td>19 weeks</td></tr>
<tr><td>2021</td><td>6,930</td><td>4,870</td><td>33 weeks</td></tr>
<tr><td>2023</td><td>7,190</td><td>5,150</td><td>41 weeks</td></tr>
</table>
<p>Our analysis suggests that reopening the two theatres would cut the median wait to about 26 weeks within eighteen months, without any extra surgeons.</p>
<p>We found no evidence that patients were being referred earlier or for milder symptoms than before. The share of patients with the most severe pain scores at referral was almost unchanged.</p>
<aside class="box"><h3>Method</h3><p>Waiting times are measured from referral to operation and exclude patients who chose to delay surgery for personal reasons.</p></aside>""",
)

# --------------------------------------------------------------------------- 12
page(
    slug="roman-villa",
    site="atlas",
    title="A villa under the barley",
    author="Gideon Farrant",
    date="2023-08-17",
    section="History",
    description="A farmer’s drone photograph led archaeologists to one of the largest Roman villas in the county.",
    body="""<p class="dropcap">The cropmarks appeared in the dry July of 2022, when the barley above the old walls ripened a few days earlier than the rest of the field. Nell Ashcombe, whose family has farmed at Coldharbour for four generations, flew her drone over the field and sent the pictures to the county archaeologist the same evening.</p>
<p>Excavation began the following summer. In six weeks, a team of 14 archaeologists and 60 volunteers uncovered part of a villa with at least 23 rooms, a bath suite and a corridor floored with a geometric mosaic.</p>
<figure><img src="/img/mosaic.jpg" alt=""><figcaption>The corridor mosaic, laid in red, white and grey tesserae, was lifted in sections for conservation in September.</figcaption></figure>
<p>Coins found in the bath suite suggest the villa was occupied until at least the late fourth century. The excavation director, Dr Caradoc Penrose, said it was “almost certainly” built on the site of an earlier Iron Age farmstead.</p>
<p>“What excites me is not the mosaic,” Penrose said. “It’s the rubbish pits. They tell us what people ate, what they broke, and what they couldn’t be bothered to mend.”</p>
<figure><img src="/img/drone.jpg" alt=""><figcaption>Nell Ashcombe’s drone photograph of the cropmarks, taken at about 80 metres above the field.</figcaption></figure>
<p>The site has been backfilled to protect it. Ashcombe has agreed not to plough the field for at least ten years, in return for payments from a conservation scheme.</p>""",
)

# --------------------------------------------------------------------------- 13
page(
    slug="cocoa-prices",
    site="ledger",
    title="Cocoa futures hit a 46-year high as harvest forecasts shrink",
    author="Kwabena Asante-Boateng",
    date="2024-02-09",
    section="Agriculture",
    description="",
    body="""<p>Cocoa futures in London rose to £4,830 a tonne on Thursday, the highest price since 1978, after exporters in the two largest producing countries cut their harvest forecasts again.</p>
<p>Prices have more than doubled in twelve months. Heavy rain in the growing season, followed by an unusually dry harmattan, left many trees with fewer pods than usual, and a fungal disease known as black pod has spread through older farms.</p>
<p>“The market is pricing a third consecutive deficit,” said commodity strategist Marguerite Ostrowski. “Stocks at exchange warehouses are the lowest I’ve seen in twenty years of covering this market.”</p>
<p>Chocolate makers have begun to pass on the cost. Two of the largest said this month that they would raise prices by between 8&nbsp;and 12&nbsp;per cent and reduce the size of some bars.</p>
<p>Farmers have not shared in the rally. In both producing countries, farm-gate prices are fixed at the start of each season, and they are now far below what cocoa fetches on world markets. Some growers have been caught smuggling beans across borders to sell at higher prices.</p>""",
)

# --------------------------------------------------------------------------- 14
page(
    slug="orchard-drought",
    site="allotment",
    title="A dry year in the community orchard",
    author="Hester Quayle",
    date="2022-09-28",
    section="Orchard",
    description="",
    body="""<p>It hasn’t rained properly on the community orchard since the middle of June. Our rain gauge recorded 14 millimetres in July and 9 in August, against a long-term average of around 60 for each month.</p>
<p>The older trees have coped. Their roots go deep and they have dropped some fruit early, which is their way of rationing water. The young trees we planted in 2020 are another story: four of the twelve have died, and two more look unlikely to make it.</p>
<p>We watered the young trees twice a week with cans from the standpipe until the water company imposed a hosepipe ban in early August. After that, volunteers carried water from their own homes, which is a lot of trips for a cherry tree.</p>
<p>The apple harvest will be small but sweet. We expect about 300 kilograms, less than half of last year’s, and most of it from the Bramleys along the north hedge.</p>
<p>Next winter we will mulch every young tree with wood chip and put in a 1,000-litre water butt on the shed. Neither will make it rain, but both will buy time.</p>""",
)

# --------------------------------------------------------------------------- 15
page(
    slug="water-tariff",
    site="council",
    title="New social tariff for water bills from April",
    author="Harrowgate District Council, Housing and Welfare",
    date="2024-01-17",
    section="Welfare",
    description="",
    body="""<p>Households on low incomes in the district can apply for a discount of up to 50 per cent on their water bills from 1&nbsp;April, under a social tariff agreed with Dale Valley Water.</p>
<p>The discount will be available to households with an income below £21,000 a year, after housing costs. The water company estimates that about 14,000 households in the district are eligible, but fewer than a third currently receive any help with their bills.</p>
<table class="govuk-table"><caption class="govuk-table__caption">Discounts by household income</caption>
<thead><tr><th>Annual income after housing costs</th><th>Discount</th></tr></thead>
<tbody><tr><td>Below £12,000</td><td>50%</td></tr><tr><td>£12,000 to £16,999</td><td>35%</td></tr><tr><td>£17,000 to £20,999</td><td>20%</td></tr></tbody></table>
<p>The tariff is funded by a charge of £4.80 a year on every other customer’s bill. The council did not oppose the charge, although some councillors argued it should be paid from the company’s profits instead.</p>
<p>Applications can be made online, by phone or at any council library. Households will not need to reapply each year unless their circumstances change.</p>""",
)

# --------------------------------------------------------------------------- 16
page(
    slug="startup-funding",
    site="ledger",
    title="Grain-drying start-up Harvestly raises $38m",
    author="Oren Whitcombe",
    date="2024-06-04",
    section="Agritech",
    description="",
    body="""<p>Harvestly, a company that makes solar-powered grain dryers for smallholder farmers, has raised $38&nbsp;million in a funding round led by the impact investor Tidewater Partners.</p>
<p>The company says post-harvest losses cost farmers in its markets about a fifth of their maize crop each year, much of it to mould in the weeks after harvest when grain cannot be dried fast enough in the sun.</p>
<p>Its dryers are leased rather than sold. A cooperative pays a seasonal fee, typically around $600, and the company collects and services the machines at the end of the season.</p>
<p>“Farmers don’t need another loan,” said chief executive Adaeze Nwankwo-Lind. “They need their grain not to rot. Leasing means we carry the risk if the machine fails, not them.”</p>
<p>Harvestly had 4,200 dryers in use at the end of last year, in three countries. It plans to reach 15,000 by 2026 and to open an assembly plant so that it no longer imports finished machines.</p>
<p>The company has not yet made a profit. Nwankwo-Lind declined to say when it expects to.</p>""",
)

# --------------------------------------------------------------------------- 17
page(
    slug="tapestry-restoration",
    site="atlas",
    title="Unpicking the Haverleigh tapestry",
    author="Cordelia Fenwick-Moss",
    date="2024-03-22",
    section="Culture",
    description="Four conservators, two years and one very large table.",
    body="""<p class="dropcap">The Haverleigh tapestry is nine metres wide and was woven in Flanders in about 1540. For most of the twentieth century it hung in a stairwell above a radiator, which is roughly the worst place a tapestry can hang.</p>
<p>Conservation began in 2022 at the museum’s studio, where the tapestry was laid on a table built to its full size. Four conservators have worked on it since, stitching loose wool back onto a new linen support rather than reweaving anything that has been lost.</p>
<figure><img src="/img/tapestry-detail.jpg" alt=""><figcaption>A detail of the hunting scene, where faded silk highlights show how the tapestry’s colours have shifted over five centuries.</figcaption></figure>
<p>“We don’t make it look new,” said head of conservation Imogen Achterberg. “We make it stable. Every stitch we add can be taken out again by whoever comes after us.”</p>
<aside class="sidebar-note"><h4>How old are the dyes?</h4><p>Analysis of the red threads found madder and a small amount of cochineal, which only reached European workshops after the 1520s.</p></aside>
<p>The restored tapestry will go on display in a new climate-controlled gallery in October. The work has cost about £290,000, most of it raised from a public appeal that attracted more than 3,000 donors.</p>""",
)

# --------------------------------------------------------------------------- 18
page(
    slug="fisheries-quota",
    site="meridian",
    title="Sharing the mackerel: a guide to this year’s quota talks",
    author="Ines Valcourt",
    date="2023-11-08",
    section="Oceans",
    description="",
    body="""<p>Coastal states will meet in December to agree this year’s total catch for north-east Atlantic mackerel. For the fourteenth year running, they are unlikely to agree how to divide it.</p>
<p>Scientists have advised a total catch of no more than 739 000 tonnes. Last year the combined quotas that countries set for themselves added up to more than a million tonnes, about 40 per cent above the advice.</p>
<p>The problem is not a shortage of data. The stock has moved north and west over two decades as the sea has warmed, and countries whose waters now hold more of the fish argue that their share should grow accordingly.</p>
<p>An agreement would not be painless. Our modelling suggests the fleets that gained most from the overfishing would need to cut catches by up to a quarter in the first year.</p>
<p>Without one, however, the stock is likely to keep shrinking. The spawning stock has already fallen by about 30 per cent since its peak in 2014.</p>
<aside class="explainer"><h3>What is a spawning stock?</h3><p>It is the total weight of fish in a population that are old enough to reproduce, and it is the measure scientists watch most closely.</p></aside>""",
)

# --------------------------------------------------------------------------- 19
page(
    slug="bridge-inspection",
    site="council",
    title="Mill Lane bridge to close for repairs after inspection",
    author="Harrowgate District Council, Highways",
    date="2024-04-02",
    section="Roads",
    description="",
    body="""<p>Mill Lane bridge over the River Carrow will close to all traffic from 15&nbsp;April for about eleven weeks, after a routine inspection found corrosion in two of its steel beams.</p>
<p>The bridge was built in 1936 and strengthened in 1988. Engineers found that the worst-affected beam had lost about 18 per cent of its original thickness at one end.</p>
<p>“The bridge is not in danger of collapse,” said the council’s bridges engineer, Fenella Ogunbiyi. “But it would not be responsible to keep heavy vehicles on it while we wait for the next inspection.”</p>
<table><caption>Inspection summary</caption><tr><th>Element</th><th>Condition</th><th>Action</th></tr>
<tr><td>Beam 2 (east)</td><td>Severe section loss at bearing</td><td>Replace bearing plate</td></tr>
<tr><td>Beam 3</td><td>Moderate corrosion along lower flange</td><td>Clean and paint</td></tr>
<tr><td>Deck surface</td><td>Cracked surfacing near the west joint</td><td>Resurface</td></tr></table>
<p>A signed diversion via Station Road will add about 2.5 miles to journeys. Pedestrians and cyclists will be able to use a temporary footbridge throughout the works.</p>
<p>The repairs are expected to cost £730,000 and will be paid from the council’s highways maintenance budget.</p>""",
)

# --------------------------------------------------------------------------- 20
page(
    slug="school-meals",
    site="courier",
    title="Free breakfast clubs to open in every primary school",
    author="Maren Tolhurst",
    date="2023-07-05",
    section="Education",
    description="",
    body="""<p>Every primary school in the Kestrel Bay area will offer a free breakfast club from September, after the county council agreed to fund the scheme for three years.</p>
<p>The clubs will open 30 minutes before lessons and serve toast, cereal, fruit and milk. Schools can add hot options if they have the kitchen staff.</p>
<p>The scheme will cost £1.6&nbsp;million a year and is expected to reach about 4,500 children a day once it is running in all 38 schools.</p>
<p>“A hungry child cannot learn, and a child who has been up since six because a parent starts work early cannot concentrate by eleven,” said headteacher Bartholomew Nkemelu, whose school ran a pilot last year. He said attendance at his school had risen since the pilot began, but added that he could not prove the breakfasts were the reason.</p>
<p>Some parents have asked whether the clubs will be able to cater for allergies. The council said every club would follow the same allergy policy as school lunches.</p>""",
)

# --------------------------------------------------------------------------- 21
page(
    slug="satellite-delay",
    site="courier",
    title="Kestrel Bay-built weather satellite launch slips to autumn",
    author="Ravi Oduya",
    date="2024-05-30",
    section="Science",
    description="",
    body="""<p>The launch of Petrel-2, a small weather satellite assembled at the Kestrel Bay science park, has been postponed from June until at least October.</p>
<p>The delay was caused by a fault in the satellite’s star tracker, the camera it uses to work out which way it is pointing. The component has been sent back to its manufacturer in Finland for repair.</p>
<p>“It’s frustrating, but it’s the right call,” said mission manager Thandiwe Lindqvist-Oyelaran. “A satellite that can’t point its instruments is just a very expensive brick.”</p>
<p>Petrel-2 weighs 48 kilograms and will fly in a polar orbit at an altitude of about 550&nbsp;kilometres. Its microwave sounder is designed to measure humidity in the lower atmosphere, which forecasters say is one of the weakest points in current weather models.</p>
<p>The mission budget is £11.2 million, most of it from a national space agency grant. The company said the delay would not increase the cost, because the repair is covered by the manufacturer’s warranty.</p>""",
)

# --------------------------------------------------------------------------- 22
page(
    slug="bird-count",
    site="allotment",
    title="Our garden bird count, ten years on",
    author="Hester Quayle",
    date="2024-02-03",
    section="Wildlife",
    description="",
    body="""<p>Every January for ten years, a dozen of us have spent one hour counting the birds that visit the allotments. The rules are simple: you count the most of each species you see at one time, so the same blackbird landing twice isn’t counted twice.</p>
<p>This year we recorded 27 species, our highest total, including a pair of bullfinches that nobody had seen on the site before.</p>
<table><tr><th>Species</th><th>2014</th><th>2024</th></tr>
<tr><td>House sparrow</td><td>41</td><td>23</td></tr>
<tr><td>Goldfinch</td><td>6</td><td>19</td></tr>
<tr><td>Starling</td><td>35</td><td>12</td></tr>
<tr><td>Wood pigeon</td><td>8</td><td>14</td></tr></table>
<p>The house sparrows worry me most. We counted 41 in our first year and 23 this year, and the hedge where they used to gather was cut back hard by the landlord in 2019.</p>
<p>The goldfinches are the success story. They have more than tripled since 2014, and I am fairly sure that is down to the nyjer feeders that Bill put up on the pear tree.</p>
<p>None of this is science, of course. But ten years of the same people counting in the same way at the same time of year is worth something, and we intend to keep going.</p>""",
)

# --------------------------------------------------------------------------- 23
page(
    slug="coffee-roaster",
    site="atlas",
    title="The roaster in the railway arch",
    author="Lior Bamberger",
    date="2023-05-12",
    section="Food",
    description="A former chemist on why good coffee is mostly about patience.",
    body="""<p class="dropcap">Tamsin Okonjo-Reyes spent eleven years as an analytical chemist before she bought a second-hand roaster and rented a railway arch under the viaduct. Five years later, her company roasts about two tonnes of coffee a month.</p>
<p>She buys directly from eight farms, most of them in the highlands of two countries she visits every year. She pays between 60 and 90 per cent more than the commodity price, depending on quality, and publishes every price on her website.</p>
<aside class="pull"><p>“The bean has already done the hard work by the time it gets to me. My job is not to ruin it.”</p></aside>
<p>The roaster is a 15-kilogram drum machine from the 1970s, restored by her father. She roasts in small batches, logging the temperature every second, and throws away any batch that strays too far from its profile.</p>
<p>“Chemistry taught me to be suspicious of my own taste,” she said. “If I think a batch is wonderful and the log says it’s wrong, the log is usually right.”</p>
<figure><img src="/img/arch.jpg" alt=""><figcaption>The railway arch on Viaduct Street, where trains pass overhead roughly every four minutes during the morning roast.</figcaption></figure>
<p>She has no plans to open a café. “People keep asking,” she said. “But I’d have to be nice to customers at seven in the morning, and I know my limits.”</p>""",
)

# --------------------------------------------------------------------------- 24
page(
    slug="turnout",
    site="meridian",
    title="Who stayed home? Turnout in the 2023 Dale Valley by-election",
    author="Ada Lindqvist",
    date="2023-04-26",
    section="Democracy",
    description="",
    body="""<p>Turnout in the Dale Valley by-election was 31.4 per cent, the lowest for a parliamentary contest in the region since records began. At the general election four years earlier it had been 67.9 per cent.</p>
<p>The fall was not even. Turnout dropped furthest in the two wards with the youngest populations and held up best in the rural wards of the upper valley.</p>
<table><caption>Turnout by ward</caption><tr><th>Ward</th><th>General election</th><th>By-election</th></tr>
<tr><td>Castlegate</td><td>58.2%</td><td>21.7%</td></tr>
<tr><td>University Quarter</td><td>61.0%</td><td>19.3%</td></tr>
<tr><td>Upper Dale</td><td>74.6%</td><td>44.8%</td></tr>
<tr><td>Millbeck</td><td>70.1%</td><td>38.5%</td></tr></table>
<p>Weather and timing played a part. Polling day fell in a week of heavy snow, and the university’s term had ended six days earlier, sending many students home.</p>
<p>But our survey of 1,200 registered voters suggests a deeper problem. Nearly half of those who did not vote said they did not know a by-election was taking place.</p>
<p>We recommend that the electoral office send a polling card and a plain-language leaflet to every household for by-elections, as it already does for general elections.</p>""",
)

# --------------------------------------------------------------------------- 25
page(
    slug="logistics-breach",
    site="ledger",
    title="Freight firm Corvane says hackers stole driver records",
    author="Oren Whitcombe",
    date="2024-03-14",
    section="Technology",
    description="",
    body="""<p>Corvane Logistics, which runs one of the largest road freight networks in the region, said on Wednesday that hackers had stolen personal records of about 38,000 current and former drivers.</p>
<p>The stolen data includes names, addresses, dates of birth and driving licence numbers. The company said it had found no evidence that bank details or customer data had been accessed.</p>
<p>The attackers got in through a contractor’s account on a file-transfer system that had not been updated since a security fix was released in January, according to a person familiar with the investigation.</p>
<p>“We are contacting every affected driver directly,” said Corvane’s chief executive, Halvard Mbeki-Stroud. “I want to apologise to them. They trusted us with their information and we did not protect it well enough.”</p>
<p>Deliveries were not disrupted. The company has reported the breach to the data protection regulator, which can impose fines of up to 4 per cent of global turnover.</p>""",
)

# --------------------------------------------------------------------------- 26
page(
    slug="mountain-rescue",
    site="courier",
    title="Mountain rescue team answers record number of calls",
    author="Dilys Ancrum",
    date="2024-01-08",
    section="Outdoors",
    description="",
    body="""<p>The Scarth Fells Mountain Rescue Team was called out 214 times last year, the most in its 62-year history and nearly double the number a decade ago.</p>
<p>More than half of the call-outs were to walkers who were lost or had been caught out by darkness, rather than injured. Team leader Gwilym Ferrand-Oke said many had relied on a phone for navigation and found the battery dead when they needed it most.</p>
<p>“Phones are brilliant until they’re not,” he said. “A paper map doesn’t run out of charge at four o’clock on a December afternoon.”</p>
<aside class="factbox"><h3>Mountain rescue in numbers</h3><p>Every member of the team is an unpaid volunteer, and each one is on call for an average of 120 hours a month.</p></aside>
<p>The team has 47 volunteer members and relies entirely on donations, which cover the £95,000 it spends each year on vehicles, radios and equipment.</p>
<p>The busiest single day was 3&nbsp;August, when the team dealt with five separate incidents, including a fell runner with a broken ankle on the summit ridge.</p>""",
)

# --------------------------------------------------------------------------- 27
page(
    slug="language-revival",
    site="allotment",
    title="Learning Kernish at sixty",
    author="Hester Quayle",
    date="2023-03-15",
    section="Off the plot",
    description="",
    body="""<p>Last autumn I signed up for an evening class in Kernish, the old language of the valley, which my grandmother spoke and my mother pretended not to understand.</p>
<p>There are eleven of us in the class, aged between nineteen and seventy-four. Our teacher, Morwen Trevaskis, learned the language from her great-aunt and from recordings made by folklorists in the 1950s.</p>
<p>Nobody has spoken Kernish as a first language for about eighty years, and there is no agreed spelling. Morwen teaches the spelling used in a 1970s dictionary, while another group in the next valley uses a newer system. The two groups are polite about it, mostly.</p>
<p>The hardest thing so far is the mutations, where the start of a word changes depending on what comes before it. My grandmother never mentioned those. I suspect she just did them.</p>
<p>The class costs £85 for a term of twelve evenings, and the village hall lets us use the back room for nothing. If you are curious, we meet on Thursdays at seven.</p>""",
)

# --------------------------------------------------------------------------- 28 (paywall: the full text lives only in JSON-LD)
page(
    slug="canal-tolls",
    site="ledger",
    title="Lowland Canal raises tolls for the first time in a decade",
    author="Priyanka Ekwueme",
    date="2024-04-18",
    section="Shipping",
    description="",
    body="""<p>The authority that runs the Lowland Canal will raise tolls by an average of 14 per cent from July, its first increase in ten years.</p>
<div class="paywall"><p>This article is for subscribers. <a href="/subscribe">Subscribe now</a> for unlimited access to market news and data, or <a href="/login">log in</a> if you already have an account.</p></div>""",
    jsonld_body=(
        "The authority that runs the Lowland Canal will raise tolls by an average of 14 per cent from July, its first increase in ten years.\n"
        "The authority said the money was needed to replace the lock gates at Brindmoor, which date from 1962 and have failed twice since 2020, closing the canal for a total of 19 days.\n"
        "Barge operators say the increase will be passed on to shippers. “We run on margins of two or three per cent,” said Henrike Vos-Adeyemi of the inland shipping association. “There is nowhere else for a 14 per cent increase to go.”\n"
        "Tolls for pleasure boats will rise by less, about 6 per cent, after a consultation in which more than 4,000 boat owners responded.\n"
        "The lock gate replacement is expected to cost €86 million and take three winters to complete, with the canal closed for two weeks each February."
    ),
)

# --------------------------------------------------------------------------- 29 (excerpt page, full text in JSON-LD)
page(
    slug="heritage-grain",
    site="atlas",
    title="The miller who brought back a lost wheat",
    author="Josefa Marchetti",
    date="2024-01-25",
    section="Food",
    description="A handful of seeds from a gene bank, and ten years of patience.",
    body="""<p class="dropcap">In 2013 Ottilie Brackwater asked a national gene bank for seeds of a wheat that farmers in her valley had stopped growing before the First World War. They sent her fifty grains in a paper envelope.</p>
<div class="paywall-excerpt"><p>Continue reading this story with a subscription.</p><a class="btn" href="/subscribe">See subscription options</a></div>""",
    jsonld_body=(
        "In 2013 Ottilie Brackwater asked a national gene bank for seeds of a wheat that farmers in her valley had stopped growing before the First World War. They sent her fifty grains in a paper envelope.\n\n"
        "She planted them in pots on her kitchen windowsill. The first harvest, a year later, filled a coffee cup. By 2018 she had enough seed for a quarter of a hectare, and last year the wheat covered six hectares on three farms.\n\n"
        "The variety, known locally as Red Lammas, grows taller than modern wheat and yields about half as much grain. Its long straw was once prized for thatching, which is partly why farmers abandoned it when thatched roofs went out of fashion.\n\n"
        "“People ask whether it is healthier,” Brackwater said. “I don’t know, and I won’t claim it is. What I know is that it tastes of something.”\n\n"
        "Her mill now sells about 40 tonnes of Red Lammas flour a year, mostly to bakeries within fifty miles."
    ),
)


# --------------------------------------------------------------------------- 30: windows-1254 Turkish

TURKISH = (
    "izmir-su.html",
    """<!DOCTYPE html>
<html lang="tr">
<head>
<meta charset="windows-1254">
<title>İzmir’de su kayıpları azalıyor – Körfez Haber</title>
</head>
<body>
<div class="cerez-uyarisi" id="cookie-notice">Sitemizde çerezler kullanılmaktadır. Ayrıntılı bilgi için gizlilik politikamızı okuyabilirsiniz. <button>Tamam</button></div>
<header><a href="/" class="logo">Körfez Haber</a>
<nav><a href="/gundem">Gündem</a> | <a href="/ekonomi">Ekonomi</a> | <a href="/spor">Spor</a> | <a href="/yasam">Yaşam</a> | <a href="/yazarlar">Yazarlar</a></nav></header>
<main>
<article>
<h1>İzmir’de su kayıpları azalıyor</h1>
<p class="meta">Haber: Selin Karaağaç · 14 Şubat 2024</p>
<p>İzmir Büyükşehir Belediyesi, içme suyu şebekesindeki kayıpların geçen yıl yüzde 31’den yüzde 24’e düştüğünü açıkladı. Yetkililer, düşüşün büyük bölümünü eski dökme demir boruların değiştirilmesine bağlıyor.</p>
<p>Çalışmalar kapsamında Karşıyaka ve Buca ilçelerinde toplam 412 kilometre boru yenilendi. Belediye, projenin ilk aşaması için 1,3 milyar lira harcandığını bildirdi.</p>
<p>Su ve kanalizasyon idaresinin genel müdür yardımcısı Işıl Doğanay, “Sızıntıları bulmak için akıllı sayaçlar olmadan bu sonuca ulaşamazdık” dedi. Doğanay, sayaçların gece saatlerindeki olağan dışı tüketimi otomatik olarak bildirdiğini anlattı.</p>
<p>Uzmanlar ise işin henüz bitmediği görüşünde. Dokuz Eylül Üniversitesi’nden Prof. Dr. Ilgın Şahinoğlu, yüzde 24’lük kayıp oranının Avrupa ortalamasının hâlâ üzerinde olduğunu hatırlattı.</p>
<p>İkinci aşamada Bornova ve Çiğli’de 300 kilometre daha boru döşenmesi planlanıyor. Belediye, çalışmaların 2026 yılı sonuna kadar tamamlanmasını hedefliyor.</p>
</article>
<section class="ilgili"><h2>İlgili haberler</h2><ul><li><a href="/1">Körfez’de deniz suyu sıcaklığı rekor kırdı</a></li><li><a href="/2">Otobüs seferlerine yeni düzenleme</a></li></ul></section>
</main>
<footer><p>© 2024 Körfez Haber. Tüm hakları saklıdır.</p><p><a href="/kunye">Künye</a> · <a href="/iletisim">İletişim</a></p></footer>
</body>
</html>
""",
)

# --------------------------------------------------------------------------- 31: XHTML

XHTML = (
    "metrology-note.xhtml",
    """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en">
<head>
<title>Technical note 27: Calibrating rain gauges in high wind</title>
<meta http-equiv="Content-Type" content="application/xhtml+xml; charset=utf-8" />
</head>
<body>
<div id="header"><p><a href="/">Upland Meteorological Network</a> » <a href="/notes/">Technical notes</a></p></div>
<div id="content">
<h1>Technical note 27: Calibrating rain gauges in high wind</h1>
<p class="info">Prepared by the instruments working group. Revision 3, 2022.</p>
<p>Tipping-bucket rain gauges under-read in strong wind, because drops are carried over the funnel instead of falling into it. At our exposed hill sites the error can exceed 20&#160;per&#160;cent in winter storms.</p>
<p>Since 2019 every hill station has had a second gauge inside a low turf wall, known as a pit gauge, for comparison. Over three winters the pit gauges caught on average 13 per cent more rain than the standard gauges beside them.</p>
<p>We do not apply a blanket correction to past records. Corrections depend on wind speed at the moment of rainfall, and for most stations before 2019 that information does not exist.</p>
<p>From the start of the 2023 season, hourly totals from the hill stations will be published with a flag where wind speed exceeded 10 metres per second during the hour.</p>
</div>
<div id="footer"><p>Upland Meteorological Network · Data licence: CC BY 4.0</p></div>
</body>
</html>
""",
)

# --------------------------------------------------------------------------- 32: Markdown

MARKDOWN = (
    "press-statement.md",
    """# Statement on the closure of the Greywater swimming baths

*Issued by the Greywater Leisure Trust, 9 August 2023*

The Greywater Leisure Trust has decided to close the Victoria Road swimming baths on 30 September 2023. The building's boiler failed in June and the survey that followed found that the roof over the main pool also needs replacing.

Repairing both would cost an estimated £2.7 million. The trust's entire annual budget for all five of its sites is £1.9 million, and no grant large enough to cover the work is available this year.

We know how much the baths mean to this town. Many of us learned to swim there. We did not take this decision lightly, and it is not a decision we wanted to make.

Swimming clubs that used Victoria Road will be offered sessions at the Eastfield pool, which will extend its opening hours by 12 hours a week from October. The trust will keep the building safe and dry while it looks for a long-term solution, and it has not ruled out a community buyout.

Questions can be sent to the trust at the address on our website.
""",
)


# --------------------------------------------------------------------------- 33, 34: PDFs
# Lines are laid out exactly as written; a line ending in "-" followed by the rest of the word on
# the next line is a hyphenated line break.

PDFS: list[PdfDoc] = [
    PdfDoc(
        slug="lowmoor-water-report",
        title="Lowmoor Water Authority Annual Report 2023",
        author="Lowmoor Water Authority",
        running_header="Lowmoor Water Authority — Annual Report 2023",
        pages=(
            (
                "# Chair’s introduction",
                "This has been a demanding year for the authority. The driest spring in our records\n"
                "was followed by a wet and stormy autumn, and our treatment works, pumping sta-\n"
                "tions and staff were tested by both.",
                "We supplied an average of 96 million litres of drinking water a day, two per cent\n"
                "more than in 2022. Leakage fell for the third year in a row, to 17.6 per cent of the\n"
                "water we put into supply, and we met every drinking-water quality standard in all\n"
                "but four of the 11,380 samples we took.",
                "I would like to thank our engineers, who worked through the storms of October and\n"
                "November to keep water flowing to every customer, and the customers who re-\n"
                "duced their use during the temporary restrictions in May.",
            ),
            (
                "# Finances",
                "Our income in the year was £148.2 million, of which £139.5 million came from\n"
                "customer bills. Operating costs rose by 9 per cent, driven mainly by the price\n"
                "of electricity for pumping and of chemicals for treatment.",
                "We invested £61 million in pipes, treatment and storage. The largest single proj-\n"
                "ect was the new reservoir lining at Hob Tarn, which will allow the reservoir to\n"
                "be filled to its full capacity for the ﬁrst time since 2011.",
                "Average household bills will rise by 4.5 per cent in April, less than the rate of\n"
                "inﬂation. We have frozen the standing charge for customers on the social tariff.",
            ),
            (
                "# Looking ahead",
                "Our long-term plan assumes that summer rainfall in the catchment will fall by around a\n"
                "tenth by 2050. We cannot rely on reservoirs alone, and we will con-\n"
                "sult next year on a scheme to transfer water from the Eskbeck aquifer during droughts.",
                "We will not introduce compulsory metering for existing households. New homes are\n"
                "already metered, and we will continue to offer free meters to anyone who asks for\n"
                "one, along with a guarantee that their bill will not rise in the ﬁrst two years.",
            ),
        ),
    ),
    PdfDoc(
        slug="rural-broadband-brief",
        title="Closing the rural broadband gap",
        author="Fellside Digital Inclusion Project",
        running_header="Fellside Digital Inclusion Project · Research brief 4",
        pages=(
            (
                "# Summary",
                "About 6,800 premises in the Fellside district cannot get a broadband connection\n"
                "faster than 10 megabits per second. Most are farms and hamlets at the end of long\n"
                "copper lines, where upgrades are expensive and commercial providers see little re-\n"
                "turn on the investment.",
                "This brief compares three ways of reaching them: extending ﬁbre along existing\n"
                "poles, fixed wireless masts, and low-orbit satellite services. We surveyed 420\n"
                "households and spoke to 15 providers, community groups and council officers.",
            ),
            (
                "# Findings",
                "Fibre remains the best long-term option, but at an average of £4,100 per premises\n"
                "it is unaffordable for the most remote 1,200 without public subsidy. Fixed wire-\n"
                "less can serve most of the remaining premises for roughly a quarter of that cost.",
                "Satellite services are the quickest to install and already cover the whole district,\n"
                "but the monthly fee is beyond many of the households we surveyed. Almost a third\n"
                "of them said they could not afford more than £30 a month for an internet connection.",
                "Several respondents described the difference a reliable connection would make. One\n"
                "farmer told us she drives eleven miles to a supermarket car park to submit her\n"
                "livestock records, because the upload fails at home.",
            ),
            (
                "# Recommendations",
                "The council should not wait for the national programme to reach Fellside. We rec-\n"
                "ommend a district voucher scheme of up to £1,500 per premises, which communi-\n"
                "ties can pool to fund ﬁbre or wireless projects of their own choosing.",
            ),
        ),
    ),
]
