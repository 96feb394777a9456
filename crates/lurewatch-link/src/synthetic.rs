//! A seeded generator of synthetic campaigns mixed with benign traffic, to measure linking.
//!
//! Actors follow playbooks (honeytrap, extortion, "new number" family scams, parcel smishing,
//! fake IT support, investment), each step written in several paraphrases; they rotate numbers
//! and persona names across targets, reuse images and links, and drop or reword steps. Benign
//! reports include look-alikes: old friends reconnecting, partners flirting, colleagues asking
//! for a number, strangers with ordinary requests. Every report carries its true label (the
//! actor, or a label of its own when benign), so clustering can be scored with B-cubed.

use lurewatch_core::random::SplitMix64;
use lurewatch_core::{
    Attachment, Conversation, Format, LocalDateTime, MediaKind, Message, MessageKind,
    SenderIdentity,
};

/// The generator's dice: SplitMix64 (`lurewatch_core::random`), stable across versions, so a
/// seed names a data set.
#[derive(Debug, Clone)]
pub struct Rng(SplitMix64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(SplitMix64::new(seed))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number in `0..n` (0 when n is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0.below(n)
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items.get(self.below(items.len())).copied().unwrap_or("")
    }
}

/// One step of a playbook: slots separated by `||`, each a choice of phrasings separated by
/// `|`. An actor settles on one phrasing per slot (its own script) and now and then varies one.
type Step = &'static str;

struct Playbook {
    name: &'static str,
    steps: &'static [Step],
    /// Whether actors of this playbook send images.
    images: bool,
}

const PLAYBOOKS: &[Playbook] = &[
    Playbook {
        name: "honeytrap",
        images: true,
        steps: &[
            "Long time no speak!|Long time no chat!|Hey stranger, long time!|It's been ages!|Hello you, long time no see!||Hope you get a break over Christmas|Hope you're getting some rest this Christmas|Hope the holidays are treating you well|Hope parliament is giving you a break",
            "It's {name}, from the {event}|{name} here, we met at the {event}|It's {name}! We met at the {event}, remember?|You probably don't remember me, {name}, from the {event}||so nice chatting then|you were lovely|we had a great chat|",
            "I watched your speech on {topic}|Saw your speech on {topic} last week|Caught your speech about {topic}|Loved your contribution on {topic}||so impressive|really inspiring|you were brilliant|honestly so good",
            "Want to see something that might brighten your evening?|Fancy something to brighten your night?|Shall I send you a little something to cheer up your evening?|I've got a cheeky picture that might make your night||just for you|only for your eyes|don't tell anyone|",
            "Or not|Or not then|Guess not|Hello??|Fine, be like that",
            "Shame you're so busy...|Too important for me now?|Why are you ignoring me?|Thought you were nicer than that||message me on Telegram {handle}|add me on Telegram {handle}|find me on Telegram {handle}|we can talk on Telegram {handle}",
        ],
    },
    Playbook {
        name: "extortion",
        images: true,
        steps: &[
            "Hi! {name} here|Hello! It's {name}|Hi, {name} here|Hey it's {name}||we met at the reception after the {event}|from the reception after the {event}|we chatted after the {event}|remember the {event}?||Long time no speak!|Long time!|How have you been?|",
            "Congratulations on your appointment to the {topic} committee|Congrats on the {topic} committee job|Well done on joining the {topic} committee|Saw the news about the {topic} committee, well deserved",
            "My phone is playing up, this is my other number: {alt}|Message me on my other number {alt}|Use this number now: {alt}|New number, {alt}, delete the old one",
            "Send me the numbers of a few other MPs or the pictures go out|I want your colleagues' numbers or the photos go out|Give me five numbers of other members or everyone sees the pictures|I need contacts of other MPs, otherwise the images get shared",
            "Your constituents will see everything|Your wife will see it all|The papers will get the lot|Everyone will know||You have 24 hours|Tonight or never|Clock is ticking|Don't test me",
        ],
    },
    Playbook {
        name: "new-number",
        images: false,
        steps: &[
            "Hi Mum|Hello Mum|Mum it's me|Hi Mam|Hey Mum||this is my new number|new number this one|I've got a new number|this is me on a new phone||my phone broke|I dropped my phone in the bath|my phone got stolen|old phone died||save this one x|delete the old one|save it x|",
            "I need to pay a bill today and my banking app is locked|My bank app is frozen and the rent is due today|The electricity bill is overdue and my card won't work|I'm stuck, my online banking is blocked||can you send me {amount} pounds?|could you transfer {amount} quid?|can you cover {amount} pounds for me?",
            "It's urgent|Really need it today|Please it's an emergency|Need it in the next hour||I'll pay you back tomorrow|will return it Friday|I'll sort it with you at the weekend||Account {iban}|Send to {iban}|Details: {iban}",
        ],
    },
    Playbook {
        name: "parcel-smishing",
        images: false,
        steps: &[
            "{brand}: your parcel is on hold due to an unpaid fee of £{fee}|{brand}: we could not deliver your parcel, a fee of £{fee} is due|{brand}: a customs charge of £{fee} is outstanding on your item|{brand}: delivery failed, pay £{fee} to rebook||Pay within 24 hours at {link}|Pay now at {link}|Reschedule at {link}|Visit {link} to avoid return",
        ],
    },
    Playbook {
        name: "fake-it",
        images: false,
        steps: &[
            "This is the IT security team|IT service desk here|Parliamentary Digital Service:|Security notice from IT||your account will be suspended today|your mailbox will be closed tonight|unusual sign-ins were detected on your account|your password expires in 2 hours",
            "Verify your account here within 24 hours: {link}|To keep access, verify your account at {link}|Log in at {link} to confirm it's you|Confirm your details at {link} now",
        ],
    },
    Playbook {
        name: "investment",
        images: false,
        steps: &[
            "Hi, is this {first}?|Hello {first}?|Is that {first}?|Hey {first}, is this you?||Sorry, maybe wrong number|oh sorry, wrong number I think|oops, I think I have the wrong number",
            "No problem! I'm {name}|It's fine, I'm {name}|Nice to meet you anyway, I'm {name}|Funny mistake, I'm {name}||I trade crypto|I do crypto trading|I work in digital assets|my uncle taught me trading||guaranteed returns of {pct}% on my platform {link}|{pct}% a month guaranteed: {link}|I can show you how to make {pct}% {link}",
        ],
    },
];

/// Splits a step into its slots and their phrasings.
fn slots(step: Step) -> Vec<Vec<&'static str>> {
    step.split("||")
        .map(|slot| slot.split('|').collect())
        .collect()
}

const NAMES: &[&str] = &[
    "Charlie", "Abi", "Sophie", "Emma", "Lucy", "Anna", "Kate", "Mia", "Olivia", "Grace", "Chloe",
    "Ella", "Hannah", "Lily", "Zoe",
];
const FIRST: &[&str] = &[
    "Sam", "Alex", "Jo", "Chris", "Priya", "Tom", "Aisha", "Ben", "Maria", "David",
];
const EVENTS: &[&str] = &[
    "party conference",
    "charity gala",
    "committee hearing",
    "summer reception",
    "policy summit",
    "book launch",
];
const TOPICS: &[&str] = &[
    "housing",
    "energy",
    "defence",
    "health",
    "education",
    "transport",
    "justice",
    "farming",
];
const BRANDS: &[&str] = &["Royal Mail", "Evri", "DPD", "DHL"];
const WORDS: &[&str] = &[
    "redelivery",
    "parcel",
    "secure",
    "verify",
    "track",
    "portal",
    "account",
    "login",
    "support",
    "service",
];
const TLDS: &[&str] = &["info", "top", "xyz", "live", "online", "site"];

/// Benign conversations: (sender is a saved contact, the other party's messages, replies).
/// Lines friends, partners and colleagues send, look-alikes included; a benign chat draws a
/// few at random, so no two are the same script.
const BENIGN_SAVED: &[&str] = &[
    "Long time no speak! How have you been?",
    "Saw your speech on the news, well done",
    "Are you coming to {first}'s birthday?",
    "Home in 20, you're gorgeous btw",
    "Pasta tonight? And maybe a cheeky glass of wine",
    "Can you send me the code for the door app? Mine logged out",
    "Can you send me {first}'s number? Need to ask about the rota",
    "Thanks! See you at the meeting",
    "Running 5 minutes late, sorry!",
    "Grab a table, I'll be there soon",
    "Did you see the {topic} debate? Mad",
    "Let's catch up next week",
    "Drinks on Friday?",
    "Happy birthday!! Have a lovely day x",
    "Dinner at ours on {day}?",
    "Can you pick up milk on the way home",
    "The kids want pizza again",
    "Meeting moved to {day}, same room",
    "Have you got the slides for the {topic} briefing?",
    "Miss you, see you tonight x",
    "Did you remember to book the train?",
    "Mum says hi",
    "Great news about {first}!",
    "Can we talk later about the {event}?",
];
const BENIGN_OPENERS: &[&str] = &[
    "Hello,",
    "Hi,",
    "Good morning,",
    "Hi there,",
    "Sorry to bother you,",
    "Afternoon,",
    "Hey,",
    "Dear sir or madam,",
];
const BENIGN_CLOSERS: &[&str] = &[
    "Thanks.",
    "Many thanks",
    "Cheers",
    "Best wishes",
    "Kind regards",
    "Speak soon",
    "",
    "Thank you!",
];
const BENIGN_STRANGER: &[&str] = &[
    "Hello, is this the constituency office? I wanted to ask about the {topic} consultation",
    "Hi, I'm a journalist at the local paper, could we talk about the {topic} bill this week?",
    "Hi, this is {first} from the {event} team, just confirming your table for Thursday",
    "Hello, your plumber here, I can come on {day} morning if that suits",
    "Hi, I think I left my umbrella at your office on {day}, is it still there?",
    "Good morning, calling about the flat viewing on {day}, is 10am ok?",
    "Hi, this is {first}, a constituent, thank you for your help with my {topic} case",
];
/// Given names of benign strangers: many, as in life, so that two unrelated people rarely share one.
const GIVEN: &[&str] = &[
    "Adam", "Aditi", "Agnes", "Ahmed", "Alan", "Amara", "Amir", "Andrew", "Angela", "Arjun",
    "Beatrice", "Bilal", "Bridget", "Callum", "Carmen", "Ciaran", "Connor", "Dana", "Deepa",
    "Declan", "Dylan", "Eamon", "Elena", "Ellis", "Erin", "Farah", "Felix", "Fiona", "Gareth",
    "Georgia", "Hamza", "Harriet", "Hugo", "Imran", "Ines", "Isaac", "Jade", "Jamal", "Joan",
    "Karim", "Keira", "Kwame", "Laila", "Liam", "Lorna", "Malik", "Martha", "Megan", "Mohammed",
    "Nadia", "Niall", "Nina", "Omar", "Owen", "Pavel", "Rhys", "Rosa", "Ruth", "Saoirse", "Sean",
    "Sunil", "Tariq", "Tessa", "Una", "Victor", "Wendy", "Yusuf", "Zainab",
];
const DAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
const REPLIES: &[&str] = &[
    "Sorry, who is this?",
    "Who is this?",
    "Hi, do I know you?",
    "Sorry?",
    "ok",
    "Thanks",
];

/// Word choices that differ between actors: each actor settles on one of each, so two
/// actors running the same playbook still write differently, as real ones do.
const STYLE: &[&[&str]] = &[
    &["hope", "really hope", "trust"],
    &["break", "rest", "holiday", "bit of time off"],
    &["speech", "talk", "contribution"],
    &["impressive", "inspiring", "brilliant", "powerful"],
    &["something", "a little something", "a surprise"],
    &["evening", "night", "day"],
    &["busy", "important", "popular"],
    &["message", "text", "find", "add"],
    &["numbers", "contacts", "mobile numbers"],
    &["pictures", "photos", "pics", "images"],
    &["everything", "it all", "the lot"],
    &["phone", "mobile", "handset"],
    &["urgent", "really urgent", "an emergency"],
    &["account", "profile", "mailbox"],
    &["suspended", "closed", "locked", "disabled"],
    &["parcel", "package", "delivery", "item"],
    &["guaranteed", "certain", "assured"],
    &["Sorry", "Apologies", "Oops"],
    &["Hi", "Hey", "Hello", "Hiya"],
    &["pay", "settle", "clear"],
];
const SIGN_OFFS: &[&str] = &[
    "", " x", " xx", " 😘", " :)", " 😉", "!", " ❤️", " ...", " 🙈",
];
/// Words an actor drops into their messages out of habit.
const TICS: &[&str] = &[
    "babe",
    "hun",
    "dear",
    "lol",
    "honestly",
    "tbh",
    "haha",
    "my friend",
    "sweetie",
    "mate",
    "ok",
    "right",
];

/// How an actor writes: these habits separate two actors working from the same script.
#[derive(Debug, Clone, Copy)]
struct Habits {
    text_speak: bool,
    no_apostrophes: bool,
    tic: Option<&'static str>,
}

struct Actor {
    playbook: &'static Playbook,
    /// For each step and slot, the phrasing this actor usually uses.
    usual: Vec<Vec<usize>>,
    style: Vec<&'static str>,
    sign_off: &'static str,
    habits: Habits,
    personas: Vec<&'static str>,
    numbers: Vec<String>,
    handle: String,
    link: String,
    image: Option<String>,
    iban: String,
    brand: &'static str,
}

fn number(rng: &mut Rng) -> String {
    // A large number space, as real numbers: the generator must not invent collisions.
    format!("+44 7{:03} {:06}", rng.below(1000), rng.below(1_000_000))
}

fn actor(rng: &mut Rng, id: usize) -> Actor {
    let playbook = PLAYBOOKS.get(id % PLAYBOOKS.len()).unwrap_or(&PLAYBOOKS[0]);
    let personas = (0..1 + rng.below(3)).map(|_| rng.pick(NAMES)).collect();
    let numbers = (0..1 + rng.below(4)).map(|_| number(rng)).collect();
    let link = format!(
        "https://{}-{}{}.{}/{}",
        rng.pick(WORDS),
        rng.pick(WORDS),
        rng.below(1000),
        rng.pick(TLDS),
        rng.pick(WORDS)
    );
    let usual = playbook
        .steps
        .iter()
        .map(|step| {
            slots(step)
                .iter()
                .map(|options| rng.below(options.len()))
                .collect()
        })
        .collect();
    let style = STYLE.iter().map(|choices| rng.pick(choices)).collect();
    Actor {
        playbook,
        usual,
        style,
        sign_off: rng.pick(SIGN_OFFS),
        habits: Habits {
            text_speak: rng.chance(35),
            no_apostrophes: rng.chance(35),
            tic: rng.chance(60).then(|| rng.pick(TICS)),
        },
        personas,
        numbers,
        handle: format!(
            "t.me/{}_{}",
            rng.pick(NAMES).to_lowercase(),
            rng.below(10_000)
        ),
        link,
        image: (playbook.images && rng.chance(60)).then(|| {
            format!(
                "{:016x}{:016x}{:016x}{:016x}",
                rng.next_u64(),
                rng.next_u64(),
                rng.next_u64(),
                rng.next_u64()
            )
        }),
        iban: format!(
            "GB{:02}TEST{:014}",
            rng.below(100),
            rng.next_u64() % 100_000_000_000_000
        ),
        brand: rng.pick(BRANDS),
    }
}

/// Fills a template's placeholders.
fn fill(template: &str, rng: &mut Rng, actor: Option<&Actor>, persona: &str) -> String {
    let mut s = template.replace("{name}", persona);
    for (key, values) in [
        ("{first}", FIRST),
        ("{event}", EVENTS),
        ("{topic}", TOPICS),
        ("{day}", DAYS),
    ] {
        while s.contains(key) {
            s = s.replacen(key, rng.pick(values), 1);
        }
    }
    s = s.replace("{amount}", &format!("{}", 150 + 50 * rng.below(10)));
    s = s.replace(
        "{fee}",
        &format!("{}.{:02}", 1 + rng.below(3), rng.below(100)),
    );
    s = s.replace("{pct}", &format!("{}", 20 + rng.below(40)));
    if let Some(a) = actor {
        s = s
            .replace("{handle}", &a.handle)
            .replace("{link}", &a.link)
            .replace("{iban}", &a.iban)
            .replace("{brand}", a.brand);
        let alt = a
            .numbers
            .get(rng.below(a.numbers.len()))
            .cloned()
            .unwrap_or_default();
        s = s.replace("{alt}", &alt.replace("+44 ", "0"));
    }
    s
}

/// Rewrites a template in the actor's own words.
fn restyle(text: &str, actor: &Actor, rng: &mut Rng) -> String {
    let mut out = text.to_owned();
    for (choices, chosen) in STYLE.iter().zip(&actor.style) {
        if let Some(first) = choices.first()
            && *first != *chosen
        {
            out = out.replace(first, chosen);
        }
    }
    let habits = actor.habits;
    if habits.text_speak {
        let words: Vec<&str> = out
            .split(' ')
            .map(|w| match w {
                "you" => "u",
                "your" => "ur",
                "are" => "r",
                "to" => "2",
                "for" => "4",
                "please" => "pls",
                "tonight" => "2nite",
                w => w,
            })
            .collect();
        out = words.join(" ");
    }
    if habits.no_apostrophes {
        out = out.replace(['\'', '’'], "");
    }
    if let Some(tic) = habits.tic {
        let mut words: Vec<String> = out.split(' ').map(str::to_owned).collect();
        let at = rng.below(words.len() + 1).min(words.len());
        words.insert(at, tic.to_owned());
        out = words.join(" ");
    }
    out.push_str(actor.sign_off);
    out
}

/// Small human edits: a dropped word or a doubled letter, now and then.
fn roughen(text: String, rng: &mut Rng) -> String {
    if !rng.chance(30) {
        return text;
    }
    let mut words: Vec<String> = text.split(' ').map(str::to_owned).collect();
    let i = rng.below(words.len());
    if rng.chance(50) && words.len() > 4 {
        words.remove(i);
    } else if let Some(w) = words.get_mut(i)
        && let Some(last) = w.chars().last().filter(|c| c.is_alphabetic())
    {
        w.push(last);
    }
    words.join(" ")
}

fn conversation(
    messages: Vec<(bool, String, Option<String>)>,
    other: &str,
    other_identity: SenderIdentity,
    day: u64,
) -> Conversation {
    let mut c = Conversation::new(Format::Whatsapp);
    let them = c.participant_id(other, || other_identity);
    let me = c.participant_id("Me", || SenderIdentity::SavedContact);
    c.reporter = Some(me);
    let (month, dom) = (1 + (day / 28 % 12) as u8, 1 + (day % 28) as u8);
    for (i, (from_them, text, image)) in messages.into_iter().enumerate() {
        let attachments = image
            .map(|sha| {
                vec![Attachment {
                    kind: MediaKind::Image,
                    file_name: Some(format!("IMG-{i}.jpg")),
                    sha256: Some(sha),
                }]
            })
            .unwrap_or_default();
        c.messages.push(Message {
            sender: Some(if from_them { them } else { me }),
            time: LocalDateTime::new(2024, month, dom, 9 + (i / 60 % 12) as u8, (i % 60) as u8, 0),
            text,
            kind: MessageKind::Normal,
            edited: false,
            attachments,
            line: i + 1,
            reply_to: None,
        });
    }
    if c.messages.iter().all(|m| m.sender == Some(them)) {
        c.reporter = None;
        c.participants.truncate(1);
    }
    c
}

/// A generated report and its true campaign label (`None`: benign, a campaign of its own).
#[derive(Debug, Clone)]
pub struct SyntheticReport {
    pub conversation: Conversation,
    pub actor: Option<usize>,
    pub playbook: &'static str,
    /// The playbook steps this report's messages carry (steps are dropped now and then), so
    /// labels can name only the tactics a reader would find.
    pub steps: Vec<usize>,
}

/// Generates `reports` reports, about `campaign_share` percent of them from actors.
pub fn generate(seed: u64, reports: usize, campaign_share: u64) -> Vec<SyntheticReport> {
    let mut rng = Rng::new(seed);
    let campaign_reports = reports * campaign_share as usize / 100;
    // Actors target between 2 and 40 people each.
    let mut actors = Vec::new();
    let mut planned = 0;
    while planned < campaign_reports {
        let targets = (2 + rng.below(39)).min(campaign_reports - planned).max(1);
        actors.push((actor(&mut rng, actors.len()), targets));
        planned += targets;
    }
    let mut out = Vec::with_capacity(reports);
    for (id, (actor, targets)) in actors.iter().enumerate() {
        for target in 0..*targets {
            let persona = actor
                .personas
                .get(rng.below(actor.personas.len()))
                .copied()
                .unwrap_or("Charlie");
            let number = actor
                .numbers
                .get(target % actor.numbers.len().max(1))
                .cloned()
                .unwrap_or_default();
            let mut messages = Vec::new();
            let mut steps = Vec::new();
            for (step, template) in actor.playbook.steps.iter().enumerate() {
                if step > 0 && rng.chance(15) {
                    continue;
                }
                steps.push(step);
                // Mostly the actor's usual wording; now and then one phrase differs.
                let parts: Vec<&str> = slots(template)
                    .iter()
                    .enumerate()
                    .map(|(slot, options)| {
                        let usual = actor
                            .usual
                            .get(step)
                            .and_then(|u| u.get(slot))
                            .copied()
                            .unwrap_or(0);
                        let choice = if rng.chance(15) {
                            rng.below(options.len())
                        } else {
                            usual
                        };
                        options.get(choice).copied().unwrap_or("")
                    })
                    .filter(|p| !p.is_empty())
                    .collect();
                let template = parts.join(", ");
                let filled = fill(&template, &mut rng, Some(actor), persona);
                let text = roughen(restyle(&filled, actor, &mut rng), &mut rng);
                messages.push((true, text, None));
                if step == 0 && rng.chance(50) {
                    messages.push((false, rng.pick(REPLIES).to_owned(), None));
                }
                if step == 3
                    && let Some(image) = &actor.image
                {
                    messages.push((true, String::new(), Some(image.clone())));
                }
            }
            let day = rng.below(300) as u64;
            out.push(SyntheticReport {
                conversation: conversation(
                    messages,
                    &number,
                    SenderIdentity::RawNumber(number.clone()),
                    day,
                ),
                actor: Some(id),
                playbook: actor.playbook.name,
                steps,
            });
        }
    }
    while out.len() < reports {
        let day = rng.below(300) as u64;
        let report = if rng.chance(50) {
            let script: Vec<&str> = (0..2 + rng.below(3))
                .map(|_| rng.pick(BENIGN_SAVED))
                .collect();
            let mut messages = Vec::new();
            for line in &script {
                messages.push((true, fill(line, &mut rng, None, ""), None));
                if rng.chance(60) {
                    messages.push((
                        false,
                        rng.pick(&[
                            "Haha yes",
                            "Sounds good",
                            "Sure, see you then",
                            "Thanks x",
                            "Will do",
                        ])
                        .to_owned(),
                        None,
                    ));
                }
            }
            let name = format!(
                "{} {}",
                rng.pick(FIRST),
                rng.pick(&["Jones", "Patel", "Smith", "Okafor", "Rivera", "Khan"])
            );
            conversation(messages, &name, SenderIdentity::SavedContact, day)
        } else {
            let template = rng
                .pick(BENIGN_STRANGER)
                .replace("{first}", rng.pick(GIVEN));
            let body = fill(&template, &mut rng, None, "");
            let body = body
                .split_once(", ")
                .map_or(body.clone(), |(_, rest)| rest.to_owned());
            let first = format!(
                "{} {body} {}",
                rng.pick(BENIGN_OPENERS),
                rng.pick(BENIGN_CLOSERS)
            );
            // Each benign stranger writes in their own way.
            let writer = Actor {
                playbook: &PLAYBOOKS[0],
                usual: Vec::new(),
                style: STYLE.iter().map(|choices| rng.pick(choices)).collect(),
                sign_off: rng.pick(SIGN_OFFS),
                habits: Habits {
                    text_speak: rng.chance(35),
                    no_apostrophes: rng.chance(35),
                    tic: rng.chance(60).then(|| rng.pick(TICS)),
                },
                personas: Vec::new(),
                numbers: Vec::new(),
                handle: String::new(),
                link: String::new(),
                image: None,
                iban: String::new(),
                brand: "",
            };
            let first = restyle(&first, &writer, &mut rng);
            let messages = vec![
                (true, first, None),
                (false, rng.pick(REPLIES).to_owned(), None),
            ];
            let n = number(&mut rng);
            conversation(messages, &n, SenderIdentity::RawNumber(n.clone()), day)
        };
        out.push(SyntheticReport {
            conversation: report,
            actor: None,
            playbook: "benign",
            steps: Vec::new(),
        });
    }
    // Reports arrive interleaved, not campaign by campaign.
    for i in (1..out.len()).rev() {
        let j = rng.below(i + 1);
        out.swap(i, j);
    }
    out
}
