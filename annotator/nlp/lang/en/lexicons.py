"""Evaluative word lists from two lexicons with licences that allow MIT distribution.

`SUBJECTIVE_WORDS`: Every word form of Pattern's English sentiment lexicon whose subjectivity,
averaged over its senses, is at least 0.5 (Pattern 2.6 `en-sentiment.xml`, as shipped inside the
TextBlob 0.20.1 wheel). The lexicon is by Tom De Smedt and Walter Daelemans (CLiPS, University of
Antwerp) and its file states license="PDDL" (Open Data Commons Public Domain Dedication); TextBlob
itself is MIT (Steven Loria and contributors).

`STRONG_SENTIMENT_WORDS`: Every alphabetic entry of the VADER sentiment lexicon (vaderSentiment
3.3.2, `vader_lexicon.txt`) whose mean valence is at least 1.5 in absolute value. VADER is by
C.J. Hutto and Eric Gilbert (ICWSM 2014), MIT License, Copyright (c) 2016 C.J. Hutto:
Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions: The above copyright notice and this
permission notice shall be included in all copies or substantial portions of the Software.
THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

from __future__ import annotations

SUBJECTIVE_WORDS = frozenset(
    """
abhorrent able abridged abrupt absolute absorbed absorbing absurd abundant accomplished accurate
acquainted across-the-board active acute adamant addicted addictive addled adept adorable adoring
advanced adventurous advertent aeriform affable affirmative affluent afraid aghast agile agitative
ahw aired airheaded alarming alas alcoholic algid alien alleviated amateurish amazing ambitious
amenable amusing angered angry annoyed annoying anxious appalled appalling appealing appetizing
applaudable applicative apportioned apposite appreciative appropriate approximate apt arbitrary
arduous aroused artesian artificial artistic ascetic ashen assumptive astonishing astounding astute
atrocious attention-getting attentive attractive authentic authoritative autonomous avid aweary
awesome awful awkward aww awww awwww bad balmy banal bang-up barbarian barbarous base bass battleful
beautiful becoming beefy behind believable beloved better bewitching bigger bitter bizarre bland
blasted blatant bleak blech blind bloodstained bloodthirsty bloody bold bonny bootleg bored boring
boundless brainsick brash brave breathtaking bright brilliant broad-minded brutal cacophonous
calculable calm candid captivating captive careful careless cast-iron casual catching caustic
celebrated certain challenging charismatic charitable charming cheap cheerful cheery cheesiest
cheesy chicken childish chilling chilly churning civilized classy claustrophobic clean cleanly
clever cloud-covered coarse cocky coherent cold collectible colossal come-at-able comfortable comic
comical common compelling competent complicated complimentary comprehensible conceptional concise
confident confirmed confused conscious consecrated consummate contestable contingent contrived
controversial convex convincing cool coriaceous corpulent corrupt corruptible countless courteous
cozy crafty crap crazy creative credible creepy criminal critical crucial cruddy crude cruel
crushing crying cunning curious cushy cute cutting cynical dainty dangerous dazed dazzling deadly
deadpan debauched decent decreased defenseless deficient definite definitely deft delicate delicious
delighted delightful deluxe deplorable depressing deserving desperate destructive detailed
devastating dialectal diaphanous didactic different difficult diffident dim dim-witted dirty
disappointed disappointing disastrous disbelieving discourteous diseased disgusted disgusting
dishonest disliked distasteful distraught disturbing doubtful dowdy dramatic dreadful dried drunk
dry dudsville duh duhhh duhhhh dull dumb dusty duuuh earlier easy eccentric ecological economical
edgy eerie effective effing egoistic elaborate elect elegant elementary emotional empty endearing
endless energetic engaging engrossing enigmatic enjoy enjoyable enjoyed enjoying enormous enough
entertaining enthusiastic entire erotic erroneous especially ethical everyday evil exaggerated
excellent exceptional excessive excited exciting exhausted exhausting exhilarating exotic expensive
experienced expressive exquisite extinct extraordinary extreme exuberant fabled fabricated fabulous
faint fair fake false familiar famous fanatic fantastic far far-out farce farthermost fascinating
fast faultless favored favorite fearful feeble felicitous fiendish filled filthy final fine
fine-looking first-string fitting flashy flawed flawless flippant fly forcible forgettable fortunate
fragile free free-thinking fresh friendly frightening frigid fringy frostbitten frustrating fuck
fucked fucking full full-bodied full-fledged funny further furtive gargantuan gawky gay general
gentle genuine giant gifted gimmicky glad gluey godforsaken golden good goody-goody goofy gorgeous
gory grand grandiloquent gratuitous great greater greatest grievous grim gripping gritty grotesque
grr grrr grrrr grudging gruesome guarded guilty hahahaha hahahahaha handsome handy haphazard hapless
happy hard harsh hate hated hazardous healthy heartfelt heavy heroic high higher hilarious honest
honest-to-god horrible horrific horrifying hot huge humorous hysterical icky iconic ideal
identifiable idiot idiotic idiots ill illegal imaginative imbecile immense impassive impatient
impeccable implicated important impossible impressed impressive inapposite inarticulate inauspicious
incalculable incomparable inconvenient incorruptible incredible incurable indecipherable
indispensable indomitable inevitable inexpedient inexperienced inexplicable inexpressible infamous
inflexible infuriating ingenious inhumane innocent innovative insane insecure inspirational
inspiring instant insulting intelligent intense interested interesting intimate inventive ironic
irrelevant irritating jackass jackasses jammed justified key kind lame larger late latest laughable
lazy leftist legendary legible lenient lesser liable licentious lifelike lifelong light
light-hearted likable liked likely limp little live lively lmao lol lolol lonely long-winded loud
lousy lovable love loved lovely loving loyal lucky lyric mad magic magical magnificent major
maladroit malevolent mannerly many marked marvelous massive masterful meager mean meaningful
meaningless measly mediocre memorable menacing merciless mere mesmerizing mighty mild mind-boggling
mindless minimal miserable moderate modest more moron morons most motley mouth-watering muggy
mysterious naive nameless nasty naturalistic naughty nauseated necessary needless nerve-racking nice
noble nonviolent normal nostalgic notable numb numerous obedient obsessed obvious offbeat ok okay
only open open-minded optimum ordinary original orthodox outdated outraged outrageous outstanding
over-the-top overexcited overwhelming own painful palpable passionate pathetic peaceful peevish
peppery perfect perplexed phenomenal pinheads pivotal placid plausible pleasant pleased pleonastic
plodding poetic poignant pointless poor popular positive possible potent potential powerful
powerless precious precise predictable pregnant pretentious pretty priceless primary profound prolix
prominent promising proud psychotic pure questionable quick quirky quixotic rancorous random rank
rare raucous raunchy ready really reasonable redeeming redoubtable refreshing relevant remarkable
reminiscent repellent reputable resourceful respectable respectful responsible retard retarded
retards rewarding rich ridiculous right rip-off risk-free riveting rofl romantic rose rude ruthless
sad safe sarcastic satisfied satisfying scarey scary scathing sec secret secure selfish sensational
sensitive sentimental serious seriously sexual sexy shady shaky shallow sharp sheer shit shocked
shocking shoddy shrill shy sick sickening significant silly simplistic sincere sinister skeptical
skilled skittish sloppy smaller smart smooth soft-boiled solicitous sophisticated sorry special
spectacular spirited splendid spontaneous sprightly stabbing stale stark startling static steadfast
steady stereotyped stereotypical stiff stinker stinks striking strong stunning stupid stupidity
stylish subconscious subnormal subtle successful such sucker suckers sudden suffers suffocating
suitable super superb superfine superior supernatural supportive sure surprised surprising surreal
suspenseful sweet sympathetic talented tasteless tedious tense terminally terrible terrific
terrifying thin thoughtful thrilled thrilling tidy tiny tired tiresome top top-notch total touching
tough traditional tragic tremendous trendy troubled true truthful twisted typical ugly ultimate
unable unadulterated unappealing unappetizing unashamed unaware unbefitting unbelievable unblemished
unblinking uncared-for unchaste uncivil uncomfortable uncommon uncontroversial uncritical uncut
undignified unexcelled unexpected unfair unfaithful unfocused unforgettable unfortunate unfruitful
ungraded unhampered unhappy unhealthy unhesitating unilateral unimportant uninspired unintelligent
unique unknown unlikely unnecessary unnoticed unplayable unpleasant unprecedented unpredictable
unpropitious unrealistic unsalted unsettling unstirred unthinkable untraceable unusual utter vague
various vast vicious violent vivid vulgar vulnerable wacky warm wary weak wealthy weird welcome
well-advised well-off whimsical willing winning wise witty womanly wonderful workmanlike worse worst
worthless worthwhile worthy wow wrong wtf yaaawwnnnn youngish
""".split()  # noqa: SIM905 (a word list reads best as text)
)

STRONG_SENTIMENT_WORDS = frozenset(
    """
aas aayf abandon abandoned abandoner abandoners abandoning abandonment abandonments abducted
abduction abductions abhor abhorred abhorrent abhors absolved absolving abuse abused abuser abusers
abuses abusing abusive abusively abusiveness abusivenesses accept acceptabilities acceptably
acceptance acceptances acceptant accepting accident accomplish accomplished accomplishes ache ached
aching acrimonious active admirability admirable admirableness admirably admirals admiralties
admiration admirations admire admired admirer admirers admires admiring admiringly admonished
adorability adorable adorableness adorably adoration adorations adore adored adorer adorers adores
adoring adoringly advantageous advantageously advantageousness advantages advantaging adventuresome
adventuring adventurism adventuristic adventurousness adversarial adverse adversities adversity
affection affectional affectionally affectionate affectionately affectioned affectionless affections
afflicted afu aggravate aggravated aggravates aggressiveness aghast agitate agitated agitatedly
agitating agitators agog agonise agonised agonises agonising agonize agonized agonizes agonizing
agonizingly agony agree agreeability agreeable agreeableness agreeably agreement alarmingly alive
alol amaze amazed amazedly amazement amazements amazes amazing ambitious ambw aml amor amoral
amorality amorist amoroso amorous amorously amorousness amort amuse amused amusedly amusement
amusements amuses amusing amusingness amusive anger angered angering angerly angers angrier angriest
angrily angriness angry anguish anguished anguishes anguishing animosity annoy annoyances annoyed
annoyer annoyers annoying annoys antagonism antagonist antagonistic antagonistically antagonists
antagonize antagonizing aok apocalyptic apologise apologizes appall appalled appalling appallingly
appalls applaud applauded applauding applause appreciate appreciated appreciates appreciating
appreciation appreciations appreciative appreciatively appreciativeness appreciator appreciators
appreciatory apprehension approval approved approves ardent argued arguer argues arguing argument
argumentative argumentatively argumentive arguments arrested arrests arrogance arrogances arrogant
arrogantly ashamed ashamedly ass assassination assassinations assault assaulted assaulting
assaultive assaults asset assfucking assholes assured assuredly assuring astonished astound
astounded astounding astoundingly astounds atab attack attacked attacker attackers attacking attacks
attract attracted attracting attraction attractions attractive attractively attractiveness
attractivenesses attracts aversion aversive avoidance avoider award awardable awarded awardee
awarding awards awesome awful bad badly bamboozle bamboozled bamboozles ban banish bankrupt bankster
banned bastard bastardies bastardise bastardised bastardises bastardising bastardization
bastardizations bastardize bastardized bastardizes bastardizing bastardly bastards bastardy battle
battlefield battleground battles beaten beatific beating beaut beauteous beauteously beauteousness
beauties beautification beautifications beautified beautifier beautifiers beautifies beautiful
beautifuler beautifulest beautifully beautifulness beautify beautifying beauts beauty belittle
belittled beloved beneficence beneficences beneficent beneficently beneficial beneficially
beneficialness beneficiaries beneficiary benefit benefits benefitted benefitting benevolence
benevolences benevolent benignant bereave bereaved bereaves best betray betrayal betrayed betraying
betrays better bfd bfe bff bitch bitched bitcheries bitchery bitches bitchier bitchiest bitchily
bitchiness bitchy bitter bittered bitterer bitterest bitterish bitterly bitterness bl blamable
blamably blamed blameful blamefully blamer blamers blames blameworthiness blameworthy blaming bless
blessed blesseder blessedest blessedly blessedness blesser blessers blesses blessing blessings blind
bliss blissful block blockbuster blocking bloody bold boldest boldly boldness bomb bonus bonuses
boost boosted botheration bothering boycotted boycotting brainwashing brave braved bravely braver
braveries bravery braves bravest breathtaking bright brighten brightened brightening brightens
brighter brightest brightly brightness brilliance brilliances brilliancies brilliancy brilliant
brilliantines brilliantly brilliants broke broken brutal brutalise brutalised brutalises brutalising
brutalities brutality brutalization brutalizations brutalize brutalized brutalizes brutalizing
brutally bsod btd bullied bullshit bully bullying bummer burden burdened burdeners burdens
burdensome bwahahah calmed calmer calmest calming calmness calmnesses cancer capable captivated care
cared carefree carefulness careless carelessnesses cares caring casualty catastrophe catastrophic
celebrate celebrated celebrates celebrating censor chagrin champ champion championing champions
championship championships champs chaos chaotic charitable charitableness charitablenesses charities
charity charm charmed charmer charmers charming charminger charmingest charmingly charmless charms
chastise chastised chastises chastising cheat cheated cheater cheaters cheating cheats cheer cheered
cheerer cheerers cheerful cheerfuller cheerfullest cheerfully cheerfulness cheerier cheeriest
cheerily cheeriness cheering cheerlead cheerled cheerless cheerlessness cheerly cheers cheery
cherish cherishable cherished cherisher cherishers cherishes cherishing choke choked chokes choking
chuckle chucklehead clarity classy clean clear clearly clever cleverer cleverest cleverly cleverness
clueless cocksucker cocksuckers coerced collapse collision comedian comedic comedically comediennes
comedies comedy comfort comfortable comfortably comforted comforter comforting comfortingly
comfortless comforts commend commended commitment compassion compassionate compassionated
compassionately compassionates compassionating compassionless complain complained complainer
complainingly complains complaints compliment complimentarily complimentary complimented
complimenting compliments condemn condemnation condemned condemns confidence confident confidently
conflicting conflictive conflicts confrontational confrontations confusedness congrats congratulate
congratulation congratulations considerate conspiracy contagion contagions contempt
contemptibilities contemptible contemptibleness contemptuous contemptuously contentedly contentment
contradictious contradictors convinced convincing convincingly corpse courage courageous
courageously courageousness courteous courtesy coward cowardly coziness crap crappy crash crazily
craziness creations creative creatively creativeness creativities creativity credit creditability
creditable creditably credited credits creditworthiness creditworthy crestfallen cried cries crime
criminal criminals crisis criticise criticised criticising criticism criticize criticized criticizer
criticizers criticizing crude crudeness crudenesses cruder crudest cruel crueler cruelest crueller
cruellest cruelly cruelness cruelties cruelty crushed crushes crushing cry crying cunt cunts curse
cute cuteness cutenesses cuter cutes cutesier cutesiest cutest cutesy cutey cuteys cutie cutiepie
cuties cwot cynical cynicism cynicisms damage damaged damager damagers damages damaging damagingly
damn damnable damnableness damnably damnation damnatory damned damnified damnifies damnify
damnifying damningly damnit damns danger dangered dangering dangerous dangerously dangerousness
dangers daring daringly darkest darling darlingly darlingness darlings dauntless dead dear dearer
dearest dearie dearly dearness dears dearth deary death debt decay decayed decayer decayers decaying
decays deceit deceitful deceive deceived deceives deception dedicated defeat defeated defeating
defeatist defeatists defeature defeatures defected defecting defections defective defectively
defectiveness defectives defector defects deficit definitely degradation degradations degradative
degrade degraded degrader degraders degrades degrading degradingly dehumanize dehumanized
dehumanizes dehumanizing deject dejected dejecting dejects delectable delectably delicious
deliciously deliciousness delight delighted delightedly delightedness delighter delighters
delightful delightfully delightfulness delighting delights delightsome demoralized denied denier
denies denounces depress depressant depressants depressed depresses depressible depressing
depressingly depression depressions depressive depressively depressives depressor depressors
deprival deprivation deprivations deprive deprived depriver deprives depriving deriding desire
despaired despairing despairingly despairs desperately desperateness desperation desperations
despised despisement despisements despiser despisers despises despising despondent destroy destroyed
destroyer destroyers destroying destroys destruct destructed destructibility destructible
destructing destruction destructionist destructionists destructions destructive destructively
destructiveness destructivity destructs detain detained detention determination devastate devastated
devastates devastating devastatingly devastation devastations devastative devastator devastators
devil deviled deviling devilish devilishly devilishness devilkin devilled devilling devilment
devilries devilry devils deviltries deviltry devoted devotedly devotedness devotee devotement
devotes devoting devotion devotionally devotions dick dickhead die died difficult difficultly
dignified dignifies dignify dignifying dignitary dignity dipshit dire direful dirtiest dirty
disabling disadvantage disadvantaged disadvantageous disadvantageously disadvantageousness
disadvantages disagree disagreeable disagreeableness disagreeablenesses disagreeably disagreement
disagreements disappoint disappointed disappointedly disappointing disappointingly disappointment
disappointments disappoints disaster disasters disastrous discomfort discomfortable discomforted
discomforting disconsolate disconsolation discontented discord discourage discouraged discouragement
discouragements discourager discouragers discourages discouraging discouragingly discredited disdain
disgrace disgraced disgust disgusted disgustedly disgustful disgusting disgustingly disgusts
dishearten disheartened disheartening dishearteningly disheartenment disheartenments disheartens
dishonest disillusioned disillusionment disillusionments disillusions dislike disliked dislikes
dismal dismay dismayed dismaying dismayingly dismays disorder disoriented disparage disparages
disparaging displeased dispute disputing disqualified disregarded disrespect disrespected disruption
dissatisfaction dissatisfactions dissatisfactory dissatisfied dissatisfies dissatisfy dissatisfying
distorted distractible distraction distractive distraught distress distressed distresses distressful
distressfully distressfulness distressing distressingly distrust distrusted distrustful
distrustfully distrustfulness distrusting disturb disturbance disturbed disturbers disturbing
disturbingly disturbs divination divinatory divine divinely divinest divinities divinity divinize
doa dolorous doom doomed doomful dooming doomsayers doomsaying doomsayings doomsday doomsdayer
doomsdays doomster doomsters doubt doubtable doubter douche douchebag downcast downhearted drained
dread dreaded dreadful dreadfully dreadfulness dreadfuls dreading dreams drown drowned drowns
dubious dull dullard dullards dulled duller dullest dullnesses dullsville dumb dumbass dumber
dumbest dumbfounded dumbhead dumbheads dumbness dumbs dump dumped dumpiest dumpish dumps dumpy dupe
duped dx dynamic dynamically dynamism dynamistic dysfunction eager eagerly eagerness eagers earnest
ease easeful easement easier easiest easiness easy easygoingness ecstacy ecstasies ecstasy ecstatic
ecstatically ecstatics eerie effective effectively efficiencies efficiency efficient efficiently
effin egotist egotistically egotists elated elation elegance elegances elegancies elegancy elegant
elegantly embarrassable embarrassed embarrasses embarrassing embarrassingly embarrassment
embarrassments emergency empathetic emptiest emptiness emptinesses enchanted encourage encouraged
encouragement encouragements encourager encouragers encourages encouraging encouragingly enemies
enemy energetic energetically energise energised energises energising energization energizations
energize energized energizer energizers energizes energizing engaged engagement engagingly enjoy
enjoyable enjoyableness enjoyably enjoyed enjoyer enjoyers enjoying enjoyment enjoyments enjoys
enlighten enlightened enlightening enlightens enrage enraged enrages enraging enrapture enslave
enslaved enslaves ensure enterprising entertained entertainer entertaining entertainingly
entertainment entertainments entertains enthuse enthused enthuses enthusiasm enthusiasms enthusiast
enthusiastic enthusiastically enthusing erroneous error esteemed ethical euphoria euphoric eviction
evil evildoer evildoers evildoing evildoings eviler evilest eviller evillest evilly evilness evils
exasperated excel excelled excellence excellences excellencies excellency excellent excellently
excelling excels excitabilities excitable excitant excitation excitations excite excitedly
excitement excitements exciter excites exciting excitingly excruciate excruciating excruciatingly
excruciation excruciations exhausted exhausting exhaustion exhilarated exhilarates exhilarating
exonerate exonerated exonerates expel expelling expels exploited exploiting exuberant exultant ez
fab fabulous fabulousness fag faggot faggots fail failed failing failings fails failure failures
faith faithful faithfully faithfulness faithlessness faiths fake fakes faking fallen falsified
falsify fame fantastic fantastical fantasticalities fantasticality fantasticate farce fascinate
fascinated fascinates fascinating fascination fascist fatal fatalisms fatalities fatality fatally
fatiguingly fault faultfinders faultfinding faultier faultiest faultily faultiness faultless
faultlessly faults fav fave favor favorable favorableness favorably favored favoring favorite
favorited favorites favour favoured favourer favourers favours fcol fear feared fearful fearfuller
fearfullest fearfully fearfulness fearing fearless fears fearsome felonies felony festival festivals
festive festively festiveness festivities festivity feuded feuding ff ffs fiasco fiesta fiestas
fight fighting fightings fights fired fit fkm flattered flawed flawless flirtation flu flunked
flunker flunkers flunkey flunking flunks flunky foaf focused foe foeman foes foetid foetor foetors
fond fondly fondness fool fooled fooleries foolery foolhardier foolhardiness fooling foolisher
foolishly foolishness foolishnesses foolproof fools forbidden forbidder forbidders forbidding
forbiddingly forced foreclosures forgivable forgivably forgiven forgiver forgives forgiving
forgivingness fortunate foughten frantic fraud frauds fraudster fraudsters fraudulence fraudulent
freak freakiest freaking freakish freakout freakouts freaky free freebie freebies freebooter freed
freedom freedwoman freehearted freeing freeload freeloaded freely freeman freemen freeness
freenesses freest freezingly friend friended friending friendless friendlier friendlies friendliest
friendlily friendliness friendly friends friendship friendships fright frightened frightening
frighteningly frightens frightful frightfully frightfulness frighting frustrate frustrated
frustrates frustrating frustratingly frustration frustrations ftw fu fubar fuck fucked fucker
fuckers fuckface fuckhead fucks fucktard fuked fuking fulfill fulfilled fumed fuming fun funeral
funerals funned funner funnest funnier funniest funnily funniness funninesses funning funny furious
furiously fury futile fwb gain gained gaining gallant gallantly gallantry generosities generosity
generous generously generousness genial gentle gentlest gently gga gift giggle giggled giggliest
giggling givers gj gla glad glamor glamorised glamorises glamorization glamorize glamorized
glamorizer glamorizers glamorizes glamorizing glamorous glamorously glamour glamourless glamourous
glamours glee gleeful gloom gloomed gloomful gloomier gloomiest gloominess glooming gloried glories
glorification glorified glorifier glorifiers glorifies glorify glorifying gloriole glorious
gloriously gloriousness glory glum goddam goddammed goddamn goddamned goddamns goddams godsend good
goodness gorgeous gorgeously gorgeousness gorgeousnesses gossiping gossipping grace graceful
gracefuller gracefullest gracefully gracefulness graces gracile gracious graciously graciousness
grand grander grandest grandeur grandeurs grant grateful gratefuller gratefully gratefulness
gratification gratifications gratified gratifies gratifying gratifyingly gratitude gratz grave
gravely graveness gravesides great greater greatest greed greedier greediest greedily greediness
greenwash greeting greetings grief grievance grievances grieve grieved griever grieves grieving
grievous grievously grievousness grim grimaced grimaces grime grimier griminess grimmer grimy grin
grinners grinning gross grossest grossness grouch grouchier grouchiest grouchiness grouching grouchy
growth guiltier guiltiest guiltiness guilty gullibility gullible hacked hagd hagn haha hahaha hahas
hak hallelujah hand handsome handsomely handsomeness handsomer handsomest happier happiest happily
happiness happy harass harassed harasser harassers harasses harassing harassment harassments hardy
harm harmed harmfully harmfulness harming harmonic harmonically harmonics harmonious harmoniously
harmoniousness harmonise harmonization harmonize harmonized harmonizer harmonizers harmonizes
harmony harms harsh harsher harshest hate hated hateful hatefully hatefulness hater haters hates
hating hatred haunt haunted havoc healthy heart heartbreak heartbreaker heartbreakers heartbreaking
heartbreakingly heartbreaks heartbroken heartfelt heartless heartlessly heartlessness hearts
heartwarming heaven heavenlier heavenliest heavenliness heavenlinesses heavenly heavens heavyhearted
hell hellish help helpful helpfully helpfulness helpless helplessness helplessnesses helps hero
heroes heroic heroical heroically heroics heroin heroine heroines heroinism heroism heroisms heroize
heroized heroizes heroizing hesitatingly hhoj hilarious hindrance holiday holidays homesickness
homesicknesses honest honester honestest honesties honestly honesty honor honorability honorable
honorableness honorably honoraries honorarily honored honoree honorees honorer honorifically
honorifics honoring honors honour honourable honoured honourer honourers honouring honours hooligan
hooliganism hooray hope hoped hopeful hopefully hopefulness hopeless hopelessly hopelessness hopes
hoping horrendous horrendously horrible horribleness horribles horribly horrid horridness
horridnesses horrific horrifically horrified horrifies horrify horrifying horrifyingly horror
horrors hostile hostilely hostilities hostility hug huggable hugged hugger huggers hugging hugs hugz
humiliate humiliatingly humiliation humiliations humoring humoristic humorous humorously
humorousness humors humour humouring humourous hurrah hurrahed hurrahing hurrahs hurray hurrayed
hurrays hurt hurter hurters hurtful hurtfully hurtfulness hurting hurts hypocritical hysteria
hysterics ideal idealess idealised idealises idealism idealist idealistic idealistically idealities
ideality idealization idealized idealizers idealizes idealless ideally idiot idiotic ignorami
ignoramus ignoramuses ignorance ignorantly ignore ignoring ill illegal illiteracy illness illnesses
ilu iluaaf ily imbecile immoral immoralism immoralist immoralists immorally impatience impatiently
impolite impolitely impoliteness impolitenesses importance impress impressed impresses impressing
impressionistic impressionistically impressive impressively impressiveness imprisoned improve
improved improvement improver improves improving inability inadequacies inadequacy inadequate
inadequateness inadequatenesses incapable incapacitated incensed incentive incompetence incompetent
inconsiderate inconvenience indignant indignation ineffectuality infected inferior inferiorities
inferiorly influential infringement infuriate infuriated infuriates infuriating inhibit inhibition
injured injury injustice innocence innocency innovate innovates innovation innovative insane
insanity insecure insecureness insecurities insecurity insensitivity insincere insincerely insipid
inspiration inspirational inspirationally inspirations inspirator inspiratory inspire inspired
inspirer inspirers inspires inspiring inspiringly inspirit inspiriting inspiritingly insult insulted
insulter insulters insulting insultingly insults integrity intellect intellective intellects
intellectual intellectualism intellectualist intellectualities intellectuality intellectualization
intellectualize intellectualizes intellectualness intellectuals intelligence intelligencer
intelligencers intelligences intelligent intelligential intelligently intelligentsia intelligibility
intelligibleness interest interested interestedly interesting interestingly interestingness
interrogated interruption interruptions intimidated intimidating intimidation intimidator
intimidators invigorate invigorates invigorating invigoratingly invigoration invincible irate
irrationalism irrationalist irrationalists irrationalities irrationality irrationally irresponsible
irritabilities irritable irritableness irritably irritant irritants irritate irritated irritates
irritating irritatingly irritation irritations irritative isolation iyq jackass jackasses jaded
jailed jealous jealousies jealously jealousness jeopardy jewel jewels jokester jollied jollier
jollies jolliest jollification jollifications jollify jollily jolliness jollities jollity jolly
jollying jovial joy joyance joyed joyful joyfuller joyfully joyfulness joying joyless joylessly
joylessness joyous joyously joyousness joys jubilant justice justified jw keen keenest kfy kia kill
killed killer killers killing killingly killings killjoy killjoys kills kind kinder kindly kindness
kindnesses kiss kissable kissably kissed kisser kissers kisses kissing kissy kk kmuf kudos l
lackadaisical lags lame lamebrain lamebrained lamely lament lamentable lamentably lamentations
lamenting laments lamest laugh laughed laugher laughers laughing laughingly laughings laughs
laughter laughters lazier laziest lazy liar liars libelous liberties liberty lied lies lifesaver
lighthearted like likeable liked likes liking livelier liveliest livelily liveliness livelong lively
livid lmao lmbao lmfao lmso loathe loathed loathes loathing lol lolz loneliest loneliness
lonelinesses lonely lonesome lonesomeness lose loser losers losing losses louse lousier lousiest
lousiness lousy lovable love loved lovelies lovely lover loverly lovers loves loving lovingly
lovingness lowballed lowbred lowbrow lowery lowest lowlier lowliest lowlife lowlifes lowlight
lowlives loyal loyalist loyally loyalties loyalty lts luck lucked luckie luckier luckiest luckily
lucks lucky ludicrous ludicrousness lugubrious lulz lunatic lunatics ly lya lyb lying lyl lylab
lylas lylb mad maddening maddest madly madness magnific magnifical magnifically magnificence
magnificences magnificent magnificently magnifico maniac maniacally manipulated manipulating marvel
marvelous marvels masochism masochist masochistic masochistically masterpiece masterpieces mature
meaningless medal melancholiac melancholias melancholy menace menaced mercy merit meritorious
meritoriousness merits merrier merriest merrily merriment merriments merriness merry merrymaker
merrymakers merrymaking merrymakings merrythoughts mess messy mindless miracle mirth mirthful
mirthfully misbehave misbehaved misbehaves misbehaving mischief miser miserable miserableness
miserably miseries miserliness misers misery misinformed misleading misreporting misrepresentation
mistaken mistaker mistakers mistakes misunderstand misunderstanding mml mock mockeries mocking mocks
mofo molest molestation molestations molested molester molesters molesting molests mooch moocher
moochers mooching moodiest moody mope moron moronic motherfucker motherfucking motivate motivated
motivating mourn mourner mourners mournful mournfuller mournfully mournfulness mourning mourningly
mourns muah murder murdered murderee murderees murderer murderers murderess murderesses murdering
murderous murderously murderousness murders mwah nag nagana nagged nagger naggers naggiest nagging
naggy nastier nasties nastiest nastily nastinesses nasty natural neat neatened neatest negative
negativity neglect neglected neglecter neglecters neglectful neglectfully neglectfulness neglecting
neglects neurotically nfc nfw nh nice nicely niceness nicenesses nicer nicest niceties nifty nigger
nitl nme noble nonsense notorious numbskull numbskulls nurtural nurturance nurturant nurtured
nurturer nurtures nurturing obliterate obliterated obnoxious obnoxiously obnoxiousness obscene
obsessional obstacle obstacles offender offenders offending offends offenses offensive offensively
offensiveness okays once-in-a-lifetime opportune opportunely opportunities opportunity oppressed
oppressive optimal optimality optimisation optimisations optimise optimised optimises optimising
optimism optimisms optimist optimistically optimists optimization optimize optimized optimizer
optimizers optimizes optimizing optionless outcry outrage outraged outrageous outrages outraging
outstanding overjoyed overload overreacted overreacts overweight pain pained painful painfuller
painfully painfulness paining pains palatable panic panicked panicking panicky panics paradise
paranoias paranoids pardoning parties party partying passion passional passionate passionately
passionateness passionless passions pathetic pathetically peace peaceable peaceableness peaceably
peaceful peacefuller peacefullest peacefully peacefulness peacekeeper peacekeepers peacekeeping
peacekeepings peacemaker peacemakers peacemaking peaces peacetime peacetimes penalty perfect
perfected perfecter perfectest perfectibilities perfectibility perfectible perfecting perfection
perfectionist perfections perfectively perfectivity perfectly perfectness perfects peril perjury
perpetrator persecute persecuting perverse perversely perverseness perversity perversive pervert
perverted perverter perverts pessimism pessimisms pessimist pessimistic pessimistically petrifaction
petrified petrifies petrify petrifying phobia phobias picturesque piss pissant pissants pissed
pisser pissing pita pitiful pitifuller pitiless pitilessly playful playfully pleasant pleasanter
pleasantest pleasantly pleasantness pleasantnesses pleasantry pleased pleaser pleases pleasing
pleasurability pleasurable pleasurableness pleasurably pleasure pleasured pleasureless pleasures
pleasuring po poison poisoned poisoner poisoners poisoning poisonings poisonous poisonously poisons
pollute polluted polluter polluters pollutes poor poorer poorest popular popularise popularities
popularity popularized popularizer popularizing popularly positive positively positiveness
positivenesses positiver positives positivest positivism positivisms positivist positivistic
positivists positivities positivity poverty powerful powerless praise praised praiser praisers
praises praiseworthily praiseworthiness praiseworthy praising praying prblm prblms precious
preciously preciousness prejudice prejudiced prejudices prejudicial prejudicially prejudicialness
prejudicing prettied prettier pretties prettiest pretty pricklier prison prisoner prisoners
privilege privileged privileges prize prized prizes prizewinner prizewinners prizewinning proactive
problem problematic problematical problematically problems profit profitable profitableness
profitably profiting profitless profits progress promiscuity promiscuously promised promisers
promises promising promote promoted promoting prosecute prosecuted prosecutes prosecution prosperous
protect protected protesting proud prouder proudest proudful proudly provoke ptl puke puked pukes
puking pukka punish punishabilities punishability punishable punished punisher punishers punishes
punishing punishment punishments punitive qq qt quaking racism racist racists radiant rage raged
rageful rages raging rancid rancidity rancidly rancidness rancidnesses rape raped raper rapers rapes
raping rapist rapists rapturous rash ready reassurance reassured reassures reassuring reassuringly
rebeldom rebelliously recession reckless recommend reek reeked reeker reekers reeking refusing
regret regretful regretfully regretfulness regrets regrettable regrettably regretted regretter
regretters regretting reinvigorate reinvigorated reinvigorates reinvigorating reinvigoration reject
rejected rejectee rejectees rejecter rejecters rejecting rejectingly rejection rejections rejective
rejector rejects rejoice rejoiced rejoices rejoicing relax relaxation relaxed relaxedly relaxedness
relaxer relaxes relaxin relaxing relief relieve relieved reliever relieves relieving relishing
reluctancy remarkable remorseless remorselessly remorselessness repressible repressing repression
repressions repressively repressors repulse repulsed rescue rescued resented resentful resentfulness
resentment resentments resolve resolving respect respectabilities respectability respectable
respectably respected respecter respecters respectful respectfully respectfulness respecting
respective responsive restful restrict restricted restricting retard retarded revenge revengeful
revengefulness revenger revengers revenges revered revives reward rewardable rewarded rewarder
rewarders rewarding rewardingly rewards rich richened richer riches richest richly richness
richnesses ridicule ridiculed ridiculer ridiculers ridicules ridiculing ridiculous ridiculousnesses
rigged riot riots riskiest riskinesses rob robber robing robs rofl roflcopter roflmao romance
romanced romancers romancing romantic romantically romanticise romanticised romanticising
romanticism romanticisms romanticist romanticization romanticizations romanticize romanticizes
romantics rotfl rotflmao rotflmfao rotflol rotgl rotglmao rotten rude rudely rudeness ruder rudesby
rudest ruin ruinable ruinate ruinated ruinates ruinating ruination ruinations ruined ruiner ruing
ruinous ruinously ruins sabotage sad sadden saddened saddening saddens sadder saddest sadly sadness
safe safeguard safeguarded safely safeness safer safest safeties safety satisfaction satisfactions
satisfactorily satisfactoriness satisfactory satisfiable satisfied satisfies satisfy satisfying
satisfyingly savage savaged savagely savageness savageries savagery savages save saved scam scams
scandal scandalous scandals scapegoat scare scared scaremonger scaremongers scarer scarey scaring
scary scold scorn scornful scream screamers screaming screwed screwiest screwup scrumptious
scrumptiously scumbag secured securer securest securitizes sedition seditious seduced self-confident
selfish selfishness selfishnesses sentimentally serene sete severe severed severely severer severest
sexy sfete sgtm shame shamed shamefaced shamefacedly shamefacedness shameful shamefully shamefulness
shamefulnesses shamelessnesses shames sharing shattered shit shithead shitheads shits shitted
shittier shittiest shitting shitty shock shocking shocks shylock shylocking shyster sick sicken
sickened sickener sickeners sickening sickeningly sickens sin sincere sincerely sincereness sincerer
sincerest sincerities sinful sinister sins slam slavery slaw sleeplessness sluggish slut sluts
sluttier sluttiest sluttish sluttishly sluttishness sluttishnesses slutty smart smartass smartasses
smarten smartened smartening smartens smarter smartest smarties smartly smartness smartnesses smarts
smear smile smiled smiler smiles smiley smileys smiling smilingly smother smothers smuggest smuggle
smuggled smuggler smuggles smuggling smugnesses snafu snob snobbery snobbily snobbishnesses snobby
snub snubbed snubs sobbed sobbing sobs sociable sociableness sociably somber son-of-a-bitch soothe
sophisticated sore sorrow sorrowed sorrower sorrowful sorrowfully sorrowfulness sorrowing sorrows
soulmate spam spammer spammers spamming sparkle special spite spited spiteful spitefully
spitefulness spitefulnesses splendent splendid splendidly splendidness splendiferous splendiferously
splendiferousness splendor splendorous splendors splendour splendours splendrous sprightly stab
stabbed stabs stampede stank starve starved starves starving steal stealable stealer stealers
stealing stealings steals stench stenches stenchful stenchy stimulating stingy stink stinkard
stinker stinkier stinkiest stinking stinko stinkpot stinky stolen strained strangled strength
strengthened strengthener strengthening strengthens strengths stress stresses stressful stressfully
stressing stressless stresslessness stressor stressors stricken strikes strong stronger strongest
strongish struggles struggling stubborn stubborner stubbornnesses stunk stunning stupid stupider
stupidest stupidities stupidity stupidly stupidness stupidnesses stupids suave succeed succeeded
succeeding succeeds success successes successful successfully successfulness suck sucked sucker
suckered suckering suckers sucks sucky suffer suffered sufferer sufferers suffering suffers suicidal
suicide sulking sullen sunnier sunniest sunny sunshine sunshiny super superb superior superiorly
support supporters supporting supportiveness supports supreme supremely supremeness supremer
supremest supremo surefooted surefootedly surefootedness surely sureness surprisal survived survivor
suspended suspicion suspicions suspicious suspiciously sux swak sweet sweetheart sweethearts sweetie
sweeties sweetly sweetness sweets swindle swindles swindling sympathetic sympathy talent talented
talentless talents tantrum tantrums tard temper tenderhearted tenderheartedly tenderheartednesses
tenderly tenderness tenseness tenser tensioner tensions terrible terribleness terriblenesses
terribly terrific terrifically terrified terrifies terrify terrifying terror terrorise terrorised
terrorises terrorising terrorism terrorisms terrorist terroristic terrorists terrorization terrorize
terrorized terrorizes terrorizing terrors tgif thank thanked thankful thankfuller thankfullest
thankfully thankfulness thanks thief thieve thieveries thievery thieves thoughtful thoughtfully
thoughtfulness thoughtless threat threaten threatened threateners threatening threateningly
threatens threating threats thrill thrilled thrilling thrillingly thrills thx tia ticked tired tops
torture tortured torturer torturers tortures torturing torturous torturously totalitarian
totalitarianism tragedies tragedy tragic tragical tragically tragics tranquiler tranquilest
tranquilities tranquility tranquillity tranquilness trapped trauma traumas traumata traumatic
traumatically traumatise traumatised traumatises traumatising traumatism traumatization
traumatizations traumatize traumatized traumatizing travesty treason treasonous treasurable
treasured treasures treasuring treat trembling triumph triumphal triumphalisms triumphant
triumphantly triumphed triumphing triumphs trouble troubled troublemaker troublemakers troublemaking
troublers troubles troublesome troublesomely troublesomeness troubling troublous troublously true
trueness truer truest truly trust trustability trustable trusted truster trustful trustfully
trustfulness trustiest trustily trustiness trusting trustingly trustingness trustless trusts
trustworthily trustworthiness trustworthy trusty truthful truthfully truthfulness truths tumor
turmoil twat tx ty tyvm ugh uglier uglies ugliest uglification uglified uglifies uglify uglifying
uglily ugliness uglinesses ugly unacceptable unappreciated unattractive uncomfortable uncomfortably
uncontrollability uncontrollable uncontrollably unconvinced undermined undermining undeserving
undesirable unease uneasiest uneasiness uneasinesses uneasy unemployment unethical unfair unfocused
unfortunate unfortunates unfriendly unfulfilled ungrateful ungratefully ungratefulness unhappier
unhappiest unhappily unhappiness unhappinesses unhappy unhealthy unified unintelligent uninvolved
uninvolving united unjust unkind unlovable unloved unlovelier unloveliest unloveliness unlovely
unloving unpleasant unprofessional unprotected unsatisfied unsavory unsecured unstable unsuccessful
unsuccessfully unsupported untarnished unwelcome unworthy upset upsets upsetter upsetters upsetting
uptight urw useful usefully useless uselessly uselessness vain validate valuable valuableness
valuables valuably valued values vbg vbs vexation vexing vibrant vicious viciousness victimhood
victimised victimising victimization victimizations victimize victimized victimizer victimizers
victimizes victimizing vigoroso vile villain villainess villainesses villainies villainous
villainously villainousness villains villainy vindicated vindicates violate violated violater
violaters violates violating violation violations violative violator violators violence violent
violently vip virtue virtues virtuosa virtuosas virtuosic virtuosity virtuoso virtuosos virtuous
virtuously virtuousness virulent visionary vitalising vitalization vitalize vitalized vitriolic
vivacious vulture vwd vwp wanker war warfares warmest warmhearted warmheartedness warmly warmness
warmonger warmongering warmongers warmth warred warring wars waste wasted wasting wd weak weaken
weakener weaker weakest weakhearted weaklier weakliest weakly weakness weaknesses wealth wealthier
wealthiest wealthily wealthiness wealthy weapons weep weeper weepier weepies weepiest weeping
weepings weirdo welcome welcomely welcomeness welcomers welcomes welcoming wellborn welldoer
welldoers welling wellness wellspring wept whine whines whore whored whoredom whoredoms whorehouses
whoremaster whoremasters whoremonger whoremongers whores whoreson whoresons wicked wickeder
wickedest wickedly wickedness wickednesses widowed wimpish win winnable winned winner winners
winning winningly winnings wins wisdom wise wiseass wiseasses wised wiseliest wisely wiseness wisest
wish witch woe woebegone woeful woefully woefulness woes won wonderful wonderfully wonderfulness woo
woohoo woot worriedly worrier worriers worries worriment worriments worrisome worrisomely
worrisomeness worrit worry worrywart worrywarts worse worsen worsened worsening worsens worser
worshiped worshipfulness worshipped worshipping worst worthless worthy wow wowed wowing wows
wrathful wreck wrong wronged wtf wtg wth x-d x-p xd xlnt xoxo xoxozzz xp xqzt yay yeees yes yucky
yummy yvw yw ywia zealot
""".split()  # noqa: SIM905 (a word list reads best as text)
)
