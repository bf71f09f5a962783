namespace Community.Domain.Demo;

/// <summary>A product-area tag for the demo forum.</summary>
public sealed record DemoTag(string Name, string Description);

/// <summary>A demo sign-in account with a fixed e-mail and role.</summary>
public sealed record DemoAccount(string Email, string DisplayName, string Role, string About);

/// <summary>An ordinary demo member; the e-mail is derived by the seeding code.</summary>
public sealed record DemoMember(string DisplayName, string About);

/// <summary>An answer; <see cref="Author"/> is a display name from the accounts or members.</summary>
public sealed record DemoAnswer(string Author, string Body, int Votes, bool Accepted = false);

/// <summary>A question with its answers; <see cref="Asker"/> is a display name from the accounts or members.</summary>
public sealed record DemoQuestion(
    string Title,
    string Body,
    string[] Tags,
    string Asker,
    int DaysAgo,
    int Views,
    int Votes,
    DemoAnswer[] Answers);

/// <summary>
/// Believable demo content: a support community for "Beacon", a home mesh Wi-Fi system
/// (Beacon Pro router, Beacon Point and Beacon Mini satellites, the Beacon app and the
/// Beacon Shield subscription) made by the fictional company Brightwave.
/// </summary>
public static partial class DemoContent
{
    public const string ProductName = "Beacon";
    public const string CompanyName = "Brightwave";

    public static readonly IReadOnlyList<DemoTag> Tags =
    [
        new("setup", "Unboxing, first-time installation, adding Points and connecting Beacon to your modem or ISP."),
        new("wifi-coverage", "Dead spots, Point placement, roaming between Points and signal strength around the home."),
        new("mobile-app", "The Beacon app for iOS and Android: screens, notifications, settings and app errors."),
        new("firmware", "Firmware versions, automatic updates, release notes, beta builds and update problems."),
        new("billing", "Beacon Shield plans, payments, invoices, refunds and subscription changes."),
        new("parental-controls", "Shield profiles, bedtime schedules, content filters and pausing the internet for family members."),
        new("security", "Wi-Fi encryption, threat protection, guest networks, unknown devices and keeping your network safe."),
        new("performance", "Slow speeds, latency, buffering, speed tests and getting the most out of your connection."),
        new("account", "Brightwave account sign-in, two-factor authentication, household members and network ownership."),
        new("hardware", "Beacon Pro, Beacon Point and Beacon Mini devices: lights, ports, power, warranty and replacements."),
    ];

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("customer@demo.local", "Dana Whitfield", "Member",
            "Busy parent of two, working from home. Set up Beacon last spring and still learning my way around the app."),
        new("expert@demo.local", "Priya Raman", "Member",
            "Network engineer by day, mesh Wi-Fi tinkerer by night. Running a Beacon Pro with four Points over Ethernet backhaul. Happy to help."),
        new("moderator@demo.local", "Ingrid Solberg", "Moderator",
            "Volunteer moderator and long-time Beacon owner. I keep threads tidy and point people to the right place. Not a Brightwave employee."),
        new("staff@demo.local", "Sam Ortega", "Staff",
            "Technical support engineer on the Brightwave support team. I pick up firmware, hardware and account issues that need a look on our side."),
        new("admin@demo.local", "Alex Kim", "Admin",
            "Community manager at Brightwave. I run this forum, pass your feedback to the product team and post roadmap updates."),
    ];

    public static readonly IReadOnlyList<DemoMember> Members =
    [
        new("Kenji Watanabe", "Gamer and home-lab enthusiast in a three-storey townhouse. Beacon Pro plus two Points, wired backhaul."),
        new("Amara Okafor", "Remote product designer. Lives on video calls, so Wi-Fi that just works matters a lot."),
        new("Lukas Becker", "Software developer on a 1 Gbit fibre line. Likes reading changelogs a bit too much."),
        new("Sofia Marchetti", "Smart-home fan with far too many plugs and bulbs on the 2.4 GHz band."),
        new("Mateo Alvarez", "Student and competitive FPS player. Ping matters more than speed."),
        new("Fatima Haddad", "Small-business owner running a shop and a flat upstairs on one Beacon network."),
        new("Oliver Brennan", "Retired electrician. Ran Cat6 through the whole house and isn't afraid to use it."),
        new("Mei Lin Zhou", "Teacher and mum of three. Uses Beacon Shield to keep homework time homework time."),
        new("Arjun Mehta", "Data analyst. Long commute, short patience for flaky Wi-Fi."),
        new("Nadia Petrova", "Works in IT security; reads every privacy policy so you don't have to."),
        new("Jamal Carter", "Early adopter. Owned every Beacon generation since the original kit."),
        new("Chloe Dubois", "Recently moved into an old stone house with very thick walls."),
        new("Siobhan O'Neill", "Lives in a small flat in Dublin with one Beacon Pro and a very demanding cat camera."),
        new("Erik Lindqvist", "Runs Plex and Home Assistant at home. Tinkerer, occasional answerer."),
        new("Yusuf Demir", "Architect, new to mesh networking and asking lots of questions."),
        new("Zofia Nowak", "Photographer with a NAS full of RAW files and a need for fast local transfers."),
    ];

    public static readonly IReadOnlyList<DemoQuestion> Questions =
    [
        // 1
        new(
            "Beacon Point stuck on pulsing blue light during setup",
            """
            I'm trying to add a second **Beacon Point** to my network and it never gets past the pulsing blue light.

            What I've done so far:

            1. Opened the Beacon app → **Home** → **Add a Point**
            2. Plugged the Point in about 6 m from the Beacon Pro (one wall in between)
            3. The app finds it, shows "Connecting to your network…" and then after ~2 minutes says *"We couldn't add this Point"*

            I've tried three times, including unplugging it for a minute in between. My first Point added in about 30 seconds, so I'm not sure what's different. The Pro is on firmware 4.3.2 and the app is 5.0.4 on iPhone.

            Any ideas before I return it?
            """,
            ["setup", "hardware"], "Dana Whitfield", 2, 88, 3,
            [
                new("Priya Raman", """
                    A Point that is brand new in the box often ships with older firmware (4.1.x), and the pairing handshake can time out when the Pro is already on 4.3.x. The fix that works almost every time:

                    1. **Bring the Point into the same room** as the Beacon Pro for setup — within 2 m.
                    2. Factory-reset it: hold the pin-hole button on the back for **10 seconds** until the light flashes yellow, then let go. Wait for pulsing blue again.
                    3. Add it in the app again and then **leave it alone for 10 minutes**. It will pull the current firmware, reboot once (pulsing white) and finish on solid white.
                    4. Only then unplug it and move it to its final spot. It keeps its configuration.

                    If it still fails next to the Pro, check **Settings → Network → Advanced** and make sure *Band steering* is on — with it off, new Points sometimes can't find the 5 GHz backhaul.
                    """, 7, Accepted: true),
                new("Sam Ortega", """
                    Priya's steps are exactly what we'd suggest. For anyone finding this later: if a Point still won't add while it sits right next to the Pro, send us the diagnostic report (**Settings → Help → Send diagnostics**) and post the reference number here. We can see from the logs whether the Point is rejecting the update.

                    — Sam, Brightwave support
                    """, 3),
            ]),

        // 2
        new(
            "Bedtime schedule on Beacon Shield doesn't pause my son's Xbox",
            """
            I set up a Shield profile for my 13-year-old with a **Bedtime** of 21:30–07:00 on school nights. His phone and tablet go offline right on time, but the Xbox keeps working — he was happily playing at 23:00 last night.

            The Xbox *is* assigned to his profile (I checked under **Shield → Profiles → Leo → Devices**). It's connected with an Ethernet cable to the Beacon Point in the living room, if that matters.

            Is there something special about consoles?
            """,
            ["parental-controls"], "Dana Whitfield", 6, 143, 5,
            [
                new("Priya Raman", """
                    The Ethernet cable is the clue. On firmware before **4.3.2**, Bedtime and Pause only applied to devices on Wi-Fi *and* devices plugged into the **Beacon Pro**. Wired devices behind a **Point** were skipped because the Point bridged them straight through.

                    Two ways to fix it:

                    - **Update the Point.** Go to **Settings → Updates** and check that every device shows `4.3.2`. The release notes list "Shield schedules now apply to wired clients on Points". Your Pro is probably updated already but Points sometimes lag a day behind.
                    - **Workaround if you can't update yet:** connect the Xbox over Wi-Fi for now, or plug it directly into the Pro.

                    After updating, test it by tapping **Pause** on his profile — the Xbox should lose its connection within about 10 seconds. One more thing: the console may show a cached "connected" status for a minute, but online play stops immediately.
                    """, 9, Accepted: true),
                new("Jamal Carter", """
                    Can confirm, same thing happened with our PlayStation on a Point. After the Point updated to 4.3.2 bedtime works fine. Kids were not thrilled.
                    """, 2),
            ]),

        // 3
        new(
            "Charged twice for Beacon Shield annual plan",
            """
            My card statement shows **two charges of $59.99** from Brightwave on the same day (the 3rd). I only have one Beacon network and one Shield subscription. In the app under **Settings → Subscription** it shows a single annual plan renewing next year.

            I think it happened because the app froze when I tapped *Renew now* and I tapped it again. How do I get the duplicate refunded?
            """,
            ["billing", "account"], "Dana Whitfield", 14, 97, 2,
            [
                new("Sam Ortega", """
                    Sorry about that, Dana. This is a known issue with the renewal button in app 5.0.2 — a second tap could start a second payment before the first one confirmed. It's fixed in 5.0.4.

                    I've checked your account: the second charge was never attached to a subscription, so it's a clean refund. I've issued it today. Depending on your bank it takes **3–7 business days** to appear. You'll get an e-mail receipt with the refund reference.

                    For anyone else seeing a double charge: please don't post card details here. Open a ticket at https://support.brightwave.example/billing/contact and include the date and amount of both charges.

                    — Sam, Brightwave support
                    """, 6, Accepted: true),
            ]),

        // 4
        new(
            "Is it worth adding a third Beacon Point for a detached garage office?",
            """
            I'm turning our detached garage into a home office. It's about 15 m from the house, and the closest Beacon Point (kitchen, back wall) gives me one bar out there at best — speed test in the app says 12 Mbps.

            Options I'm considering:

            - A third **Beacon Point** in the garage, wireless backhaul
            - A **Beacon Mini** in the kitchen window
            - Running an Ethernet cable through the garden (not excited about digging)

            Has anyone done something similar? Will a Point through two exterior walls even be able to connect to the mesh?
            """,
            ["wifi-coverage", "hardware"], "Dana Whitfield", 0, 12, 1,
            []),

        // 5
        new(
            "Speeds drop to 20 Mbps every evening around 8 pm",
            """
            I pay for 500 Mbps. During the day the speed test in the Beacon app shows 450–480 Mbps at the Pro, but every evening from about 20:00 to 23:00 it falls to **15–25 Mbps** everywhere in the house, even on a laptop plugged into the Pro with a cable.

            - Beacon Pro + 2 Points, firmware 4.3.2
            - ISP modem in bridge mode
            - Nothing new added to the network recently

            Is this Beacon or my ISP? I don't want to spend an hour on the phone with them if it's the router.
            """,
            ["performance"], "Dana Whitfield", 30, 410, 6,
            [
                new("Priya Raman", """
                    If a **wired** laptop on the Pro also drops to 20 Mbps, Wi-Fi and the mesh are out of the picture. Either the line is congested in the evening (very common on cable) or something on your network is eating the bandwidth.

                    Quick way to tell which:

                    1. At 20:30, unplug the cable from the Pro's **WAN** port and plug the laptop **directly into the ISP modem**.
                    2. Run a test at https://speedtest.net or similar.
                    3. If it's still ~20 Mbps: it's your ISP. Ask them to check for node congestion; mention that a direct modem test shows the drop.
                    4. If it's fast direct: open **Devices** in the app, sort by **Usage (last hour)**, and look for a device uploading or downloading a lot — cloud backups and game updates love to run in the evening.

                    Also turn off **Smart QoS** for one evening as a test (**Settings → Network → Advanced → QoS**) — on a 500 Mbps line it shouldn't cap anything, but it's quick to rule out.
                    """, 4),
                new("Kenji Watanabe", """
                    Had exactly this pattern for a month. Turned out to be the ISP — their tech found a saturated node in our street and split it. Direct-to-modem test is the evidence they'll ask for, so do that first.
                    """, 2),
            ]),

        // 6
        new(
            "How do I give my cleaner guest Wi-Fi that expires?",
            """
            Our cleaner comes every Thursday and I'd like her to have Wi-Fi without giving out our main password. Ideally it would only work on Thursdays, or at least expire so I don't end up with a guest network that's always on.

            I can see **Guest network** in the app but can't find any schedule option. Am I missing it?
            """,
            ["mobile-app", "security"], "Dana Whitfield", 45, 230, 4,
            [
                new("Priya Raman", """
                    It's there, just a bit hidden. In the Beacon app:

                    1. **Settings → Wi-Fi → Guest network** and turn it on.
                    2. Tap **Access duration** and choose *Always*, *4 hours*, *24 hours* or *Custom schedule*.
                    3. With *Custom schedule* you can pick days of the week and hours, e.g. Thu 08:00–13:00.
                    4. Tap **Share** to send the name and password as a QR code or text.

                    Guest devices can reach the internet but can't see your other devices, printers or Chromecasts (unless you turn on *Allow guests to cast*).

                    If you don't see *Access duration*, update the app — it was added in 5.0.
                    """, 6, Accepted: true),
            ]),

        // 7
        new(
            "Firmware 4.3.2 update bricked my Beacon Mini — solid red light",
            """
            My **Beacon Mini** updated overnight to 4.3.2 (or tried to) and now shows a **solid red light**. It doesn't appear in the app at all; the Pro and the two Points are fine and updated without problems.

            Tried:

            - Unplugging for 5 minutes
            - Moving it next to the Pro
            - Factory reset with the pin (light goes yellow briefly, then straight back to red)

            Serial starts with `BMN2-`. Bought it 8 months ago. Is there a recovery mode, or is this an RMA?
            """,
            ["firmware", "hardware"], "Lukas Becker", 3, 512, 9,
            [
                new("Sam Ortega", """
                    Thanks for the detail, Lukas. A small number of `BMN2-` Minis lost power in the middle of writing the update and ended up with a half-written firmware image. There *is* a recovery mode that re-flashes it from the Pro:

                    1. Unplug the Mini.
                    2. Hold the reset pin **down**, and while holding it, plug the Mini back in.
                    3. Keep holding for about **30 seconds**, until the light pulses **purple**. Release.
                    4. Keep it within 3 m of the Beacon Pro. The Pro will push a clean image — the light goes pulsing white, then solid white. This takes up to 15 minutes; please don't unplug it.

                    If it never reaches purple, or goes back to red after recovery, the flash chip itself has failed. That's covered under warranty: open a case at https://support.brightwave.example/warranty with the serial number and mention the thread, and we'll ship a replacement before you send the old one back.

                    We've also paused the 4.3.2 rollout to `BMN2-` Minis while we add a power-loss safeguard.

                    — Sam, Brightwave support
                    """, 11, Accepted: true),
                new("Priya Raman", """
                    The purple recovery mode saved mine too. Tip: use the short USB-C cable that came in the box if you're powering it off a power strip — a couple of people on the forum had a flaky strip cause the original power loss.
                    """, 5),
                new("Erik Lindqvist", """
                    Same thing here, recovery worked on the second try. First time I let go of the pin too early (pulsing blue, not purple). Hold it longer than you think.
                    """, 3),
            ]),

        // 8
        new(
            "Beacon app stuck on 'Looking for your Beacon…' on Android 15",
            """
            Brand-new Beacon Pro, first setup. The app (5.0.4 from the Play Store) sits on **"Looking for your Beacon…"** forever. The Pro is pulsing blue. Phone is a Pixel 8 on Android 15.

            Bluetooth and location are both on. I even tried my partner's iPhone and it found it immediately, but I'd like the network to be owned by my account, not theirs.
            """,
            ["mobile-app", "setup"], "Mateo Alvarez", 1, 64, 2,
            []),

        // 9
        new(
            "Ethernet backhaul between Beacon Pro and Points — do I need a managed switch?",
            """
            I've finally got Cat6 to every floor. Plan is:

            ```text
            ISP modem ── Beacon Pro (WAN)
                         Beacon Pro (LAN1) ── 8-port unmanaged switch ── Point (loft)
                                                                    └── Point (basement)
                                                                    └── desktop, TV, NAS
            ```

            Is an unmanaged switch OK for wired backhaul, or does Beacon need VLANs / a managed switch to keep backhaul traffic separate? Also, does the Point need to be plugged into a specific port?
            """,
            ["wifi-coverage", "performance", "hardware"], "Oliver Brennan", 22, 890, 12,
            [
                new("Priya Raman", """
                    An unmanaged switch is fine — that's exactly how I run mine. Beacon's wired backhaul is plain Ethernet on the same LAN; there's no VLAN tagging and nothing to configure.

                    A few things that make it work well:

                    - **Any port on the Point** works; the two ports are interchangeable. Use the other one for a TV or console.
                    - The switch must be **gigabit** (or faster). A single 100 Mbps port in the path will quietly become your backhaul limit.
                    - **Don't** connect a Point to the switch *and* to another Point with a second cable — that makes a loop. Beacon uses spanning tree, but it's slow to recover and you'll see a 30-second outage every time it recalculates.
                    - Avoid "green"/EEE switches that put ports to sleep aggressively; cheap ones can drop the backhaul link at night.

                    After cabling, open **Home → Network Map**. Each Point should show a small cable icon and *Wired backhaul* in its details. If it says *Wireless*, unplug and replug the Ethernet cable on the Point — it only checks for a wired uplink at boot and when a link comes up.
                    """, 14, Accepted: true),
                new("Kenji Watanabe", """
                    +1 to all of that. I'd add: if you have an Ethernet wall socket that's also wired to the ISP modem (some installers do this), make sure it's not on the same switch. Double NAT + loops = a very confusing weekend.
                    """, 6),
                new("Nadia Petrova", """
                    Mine works fine with a managed switch too, as long as the Points are on the untagged default VLAN.
                    """, 1),
            ]),

        // 10
        new(
            "Can I use Beacon in bridge mode behind my ISP's router?",
            """
            My ISP won't let me put their router into modem-only mode (it also handles the phone line). Right now Beacon Pro sits behind it, which means double NAT, and my Xbox shows **NAT Type: Strict**.

            I see a **Bridge mode** toggle in **Settings → Network → Advanced**. If I turn it on, what do I lose? Does Shield still work?
            """,
            ["setup", "performance"], "Fatima Haddad", 40, 1420, 11,
            [
                new("Priya Raman", """
                    Bridge mode turns the Beacon Pro into a Wi-Fi access point: the ISP router does routing, DHCP and NAT, and Beacon just does mesh Wi-Fi. It fixes double NAT, but you lose anything that needs Beacon to *be* the router:

                    | Feature | Router mode | Bridge mode |
                    |---|---|---|
                    | Mesh Wi-Fi, Points, roaming | ✅ | ✅ |
                    | Guest network | ✅ | ❌ |
                    | Shield (parental controls, threat protection) | ✅ | ❌ |
                    | Port forwarding, DHCP reservations | ✅ | ❌ (do it on ISP router) |
                    | Per-device usage stats | ✅ | limited |

                    If you use Shield, a better option is usually to keep Beacon in router mode and put it in the **DMZ** (sometimes called "exposed host") of the ISP router:

                    1. In the ISP router admin page, give the Beacon Pro's WAN MAC address a fixed IP.
                    2. Set that IP as the DMZ host.
                    3. Turn **off** the ISP router's own Wi-Fi so it doesn't interfere.

                    You're still technically double NAT, but all inbound traffic is passed to Beacon, and UPnP on Beacon will give the Xbox an *Open* NAT.
                    """, 13, Accepted: true),
                new("Sam Ortega", """
                    Just to confirm what Priya said: Shield needs router mode, and switching to bridge mode will pause your Shield subscription features (the subscription itself isn't cancelled). The DMZ route is what we recommend to most customers in your situation. Our guide: https://support.brightwave.example/articles/double-nat

                    — Sam, Brightwave support
                    """, 7),
            ]),

        // 11
        new(
            "Smart plugs (2.4 GHz only) won't connect to Beacon network",
            """
            I have six smart plugs from two different brands, all **2.4 GHz only**. They worked with my old router. With Beacon, their apps get to "Connecting to Wi-Fi…" and then fail.

            The Beacon app shows a single network name for both bands. Is there a way to make a separate 2.4 GHz network?
            """,
            ["setup", "wifi-coverage"], "Sofia Marchetti", 9, 675, 8,
            [
                new("Priya Raman", """
                    Beacon doesn't let you split the bands permanently, but it has a setting made for exactly this:

                    1. Open **Settings → Wi-Fi → Smart home setup**.
                    2. Tap **Pause 5 GHz for 10 minutes**. Your phone will drop to 2.4 GHz too.
                    3. Set up the plugs in their own apps during those 10 minutes.
                    4. 5 GHz comes back automatically; the plugs stay on 2.4 GHz.

                    Also check:

                    - **WPA3-only** mode breaks many plugs. Use *WPA2/WPA3 mixed* under **Settings → Wi-Fi → Security**.
                    - Some plugs can't handle network names with emoji or apostrophes. "Sofia's Wi-Fi" can fail where "SofiaWiFi" works.

                    If you have lots of IoT devices, turn on the dedicated **IoT network** (same screen) — it's a separate 2.4 GHz-only SSID that's also isolated from your laptops and phones.
                    """, 10, Accepted: true),
                new("Zofia Nowak", """
                    The apostrophe thing got me! Renamed the network and two stubborn bulbs connected on the first try.
                    """, 4),
                new("Yusuf Demir", """
                    Maybe try a factory reset of the Beacon?
                    """, 0),
            ]),

        // 12
        new(
            "What does the amber light on a Beacon Point mean?",
            """
            One of my Points (upstairs hallway) has had a **solid amber** light for a couple of days. Wi-Fi seems to work near it but it's slower than usual. The others are white. What does amber mean and what should I do?
            """,
            ["hardware", "wifi-coverage"], "Arjun Mehta", 60, 2210, 14,
            [
                new("Ingrid Solberg", """
                    Amber means the Point is online but its **connection back to the mesh is weak** — it's too far from the Pro (or from the Point it connects through), or something is blocking it.

                    Light colours, for reference:

                    - **Pulsing blue** — ready for setup
                    - **Solid blue** — connecting / setting up
                    - **Solid white** — all good
                    - **Pulsing white** — updating firmware, don't unplug
                    - **Solid amber** — weak backhaul, move it closer
                    - **Solid red** — no internet or hardware fault
                    - **Pulsing purple** — recovery mode

                    For amber: move the Point **about halfway** between the Pro and the dead spot, keep it off the floor and away from mirrors, fish tanks and metal cabinets. In **Home → Network Map** tap the Point; *Connection to mesh* should say *Good* or *Great*.

                    Full list: https://support.brightwave.example/articles/status-lights
                    """, 12, Accepted: true),
                new("Priya Raman", """
                    Also worth checking whether something changed in the last couple of days — a new bookshelf, a radiator cover, a microwave moved. Amber that appears suddenly is usually an obstruction rather than distance.
                    """, 5),
            ]),

        // 13
        new(
            "Port forwarding for a Plex server — where is it in the new app?",
            """
            After the app update to 5.0 I can't find port forwarding anymore. It used to be under **Advanced** on the main screen. My Plex server needs TCP `32400` forwarded to `192.168.86.20`.

            Did they remove it?
            """,
            ["mobile-app", "setup"], "Erik Lindqvist", 18, 530, 5,
            [
                new("Priya Raman", """
                    Not removed, just moved. In 5.0 it's:

                    **Devices** → tap your Plex server → **Port forwarding** → **Add rule**

                    Forwarding is now attached to a *device* rather than an IP address, which is nicer because it follows the device if its IP changes. Enter:

                    - Protocol: `TCP`
                    - External port: `32400`
                    - Internal port: `32400`

                    You can check it worked from outside your network:

                    ```bash
                    # from a machine NOT on your home network (e.g. phone hotspot)
                    curl -s -o /dev/null -w "%{http_code}\n" http://YOUR_PUBLIC_IP:32400/web
                    # 200 or 302 means it's reachable
                    ```

                    If you'd rather not open ports at all, Plex's relay works fine for remote streaming at lower quality.
                    """, 8, Accepted: true),
            ]),

        // 14
        new(
            "Beacon Shield flagged my work VPN as a threat",
            """
            Since yesterday my company laptop can't connect to the corporate VPN from home. The Beacon app shows a notification: **"Shield blocked a connection to a suspicious site"** with the VPN gateway's hostname.

            I obviously trust this server. How do I whitelist it without turning threat protection off for the whole house?
            """,
            ["security"], "Nadia Petrova", 12, 210, 3,
            [
                new("Sam Ortega", """
                    Sorry for the disruption. You can allow it in a couple of taps:

                    1. **Shield → Activity → Blocked**
                    2. Tap the entry for your VPN gateway
                    3. Tap **Allow this site** — choose *For this device* or *For everyone*

                    I've also reported the hostname to our threat-intelligence team as a false positive (I can see it from the diagnostic you sent). Our classification for that domain was updated about an hour ago, so it shouldn't be flagged again for anyone.

                    If you ever need to report one yourself: https://support.brightwave.example/shield/false-positive

                    — Sam, Brightwave support
                    """, 6, Accepted: true),
                new("Priya Raman", """
                    Tip for work laptops in general: put the laptop in its own Shield profile with threat protection on but content filtering **off**. Corporate laptops already have their own filtering and the two can fight each other.
                    """, 2),
            ]),

        // 15
        new(
            "Feature request: schedule firmware updates outside work hours",
            """
            Twice this month a firmware update rebooted the whole mesh in the middle of a client call. I know there's an auto-update toggle, but I don't want to turn updates off entirely.

            Could Brightwave add an option to choose *when* updates install? Something like "only between 02:00 and 05:00". Upvote if you want this too.
            """,
            ["firmware"], "Jamal Carter", 70, 340, 9,
            [
                new("Alex Kim", """
                    Thanks, Jamal — and thanks to everyone who upvoted. I've passed this to the product team along with the vote count.

                    Good news: an **update window** setting is part of the 4.4 firmware. It's in the public beta now (see the beta thread), and lets you pick a daily 3-hour window under **Settings → Updates → Install window**. Security updates will still install within 48 hours even if you postpone.

                    We'll post here when 4.4 goes to general release.
                    """, 4),
                new("Kenji Watanabe", """
                    Until then, turning off auto-update and manually updating on Sunday evenings works fine. Just remember to actually do it.
                    """, 2),
            ]),

        // 16
        new(
            "Transfer Beacon network ownership after selling my house",
            """
            We sold our house and are leaving the Beacon Pro and two Points for the buyers. How do I remove the network from my Brightwave account so they can set it up under theirs? I also have a Shield subscription — I want to keep that for my new place.
            """,
            ["account"], "Chloe Dubois", 33, 180, 2,
            [
                new("Sam Ortega", """
                    Congratulations on the move! The cleanest way:

                    1. In the app: **Settings → Network → Remove network from account**. This wipes the configuration from the cloud and factory-resets all devices.
                    2. Leave the devices plugged in; the new owners will see pulsing blue and can set it up with their own account.
                    3. Your Shield subscription is tied to your **account**, not the hardware. When you set up Beacon at your new home, it will attach automatically.

                    If you've already left and can't reach the network, don't worry — you can still do step 1 remotely from the app, or the new owners can hold the reset pin on each device for 10 seconds.

                    — Sam, Brightwave support
                    """, 5, Accepted: true),
            ]),

        // 17
        new(
            "Video calls stutter only in the upstairs office",
            """
            Downstairs my Teams and Zoom calls are perfect. Upstairs in my office (Beacon Point about 2 m from my desk) video freezes every couple of minutes and people say my audio is robotic. Speed tests upstairs look fine — 300 down / 40 up.

            Laptop is a 2022 MacBook Air. Any ideas what to look at?
            """,
            ["performance", "wifi-coverage"], "Amara Okafor", 5, 150, 4,
            [
                new("Priya Raman", """
                    Good speed tests with bad calls usually means **latency spikes or packet loss**, not bandwidth. A speed test averages those away.

                    Things to check on the Point upstairs:

                    1. **Home → Network Map → upstairs Point**. What does *Connection to mesh* say? If it's *Fair*, the Point's link back to the Pro is the bottleneck during calls.
                    2. On the Mac, hold **Option** and click the Wi-Fi icon. Note the **Channel** and **RSSI**. If you see it flip between channels during a call, your Mac is roaming between the Point and the Pro.
                    3. Run a longer ping while on a call:

                    ```bash
                    ping -c 300 1.1.1.1 | tail -3
                    ```

                    Anything over ~1% packet loss or max times over 200 ms explains the robot voice.

                    If the Mac is roaming, try **Settings → Wi-Fi → Advanced → Roaming assistant: Conservative**. If the mesh link is weak, move the Point a metre or two closer to the stairs.
                    """, 7),
                new("Oliver Brennan", """
                    Also: Bluetooth headphones on an older MacBook can interfere with 2.4 GHz. Try a wired headset for one call to rule it out.
                    """, 2),
            ]),

        // 18
        new(
            "Beacon Mini vs Beacon Point — which for a small flat?",
            """
            I live in a 55 m² flat: Beacon Pro in the living room, and the bedroom at the far end gets weak signal through two walls. Is a **Beacon Mini** enough, or should I spend the extra on a **Beacon Point**? What's actually different apart from the price?
            """,
            ["hardware", "wifi-coverage"], "Siobhan O'Neill", 85, 1190, 7,
            [
                new("Priya Raman", """
                    For a 55 m² flat, the **Mini** is very likely enough. The main differences:

                    - **Radios:** Point is tri-band (a dedicated 5 GHz radio just for backhaul). Mini is dual-band, so backhaul shares airtime with your devices. In practice you lose maybe 30–40% of throughput *through* the Mini compared to a Point.
                    - **Ports:** Point has two Ethernet ports and supports wired backhaul. Mini has **none**.
                    - **Form factor:** Mini plugs straight into the wall socket; no cable, easy to hide.
                    - **Coverage:** roughly 80 m² for a Mini vs 150 m² for a Point.

                    If the bedroom is mostly phones, streaming and browsing, get the Mini. If you need a wired connection for a TV or desk, or you're on a gigabit plan and want full speed in the bedroom, get the Point.
                    """, 9, Accepted: true),
                new("Mei Lin Zhou", """
                    I have a Mini in a similar-sized flat at my mum's place. Streams 4K fine in the bedroom. Went with a Point at home only because I wanted Ethernet for the TV.
                    """, 3),
            ]),

        // 19
        new(
            "Two-factor authentication codes never arrive by SMS",
            """
            I turned on two-factor authentication for my Brightwave account last week. Today I got logged out of the app and the SMS code never arrives. I've tapped *Resend* several times. Other services can text me fine.

            I'm in Turkey with a +90 number. Is there any way to log in with a different method?
            """,
            ["account", "security"], "Yusuf Demir", 0, 18, 0,
            []),

        // 20
        new(
            "Device list shows dozens of 'Unknown device' entries",
            """
            My **Devices** screen has **37** entries called "Unknown device" with random-looking MAC addresses. We're a family of four. Should I be worried someone is on my Wi-Fi?
            """,
            ["mobile-app", "security"], "Zofia Nowak", 27, 460, 6,
            [
                new("Priya Raman", """
                    Probably not. Almost certainly these are your own phones, tablets and laptops using **private (randomised) MAC addresses**. iOS, Android and Windows rotate the address per network and, in newer versions, periodically. Each rotation looks like a new device to the router.

                    How to check:

                    1. Tap an unknown device. If **Last seen** is days ago, it's an old randomised address — swipe left and **Remove**.
                    2. For currently online ones, compare the MAC with the one shown on your phone (*iOS: Settings → Wi-Fi → ⓘ → Private Wi-Fi Address*).
                    3. If you still can't account for something, **change the Wi-Fi password**. Everything legitimate will need the new password; anything uninvited is gone.

                    To reduce the clutter, turn off *Rotate Wi-Fi address* on your own devices for your home network only.
                    """, 8),
                new("Ingrid Solberg", """
                    There's also a **Clean up old devices** button at the bottom of the Devices list (app 5.0.3+) that removes everything not seen in 30 days.
                    """, 3),
            ]),

        // 21
        new(
            "Gaming latency spikes every 30 seconds on Beacon Pro",
            """
            Playing on PC (wired to the Beacon Pro), I get a latency spike roughly **every 30 seconds**: ping goes from 12 ms to 150–300 ms for a second, then back. It's very regular.

            ```text
            Reply from 1.1.1.1: bytes=32 time=12ms TTL=58
            Reply from 1.1.1.1: bytes=32 time=11ms TTL=58
            Reply from 1.1.1.1: bytes=32 time=214ms TTL=58
            Reply from 1.1.1.1: bytes=32 time=13ms TTL=58
            ```

            Firmware 4.3.2. Any idea what runs every 30 seconds?
            """,
            ["performance"], "Mateo Alvarez", 15, 720, 10,
            [
                new("Kenji Watanabe", """
                    Regular spikes like that on a *wired* PC are almost always a **Wi-Fi adapter on the same PC doing background scans**. Windows scans for networks every ~30–60 s and some drivers stall the whole network stack while they do.

                    Check if your PC has Wi-Fi enabled even though you're wired. If it does:

                    - Disable the Wi-Fi adapter in *Device Manager*, or
                    - At least disconnect it from any network.

                    Then re-run `ping -t 1.1.1.1` for a few minutes. That fixed it for me instantly.
                    """, 9, Accepted: true),
                new("Priya Raman", """
                    Kenji's suggestion is the most likely one. If it doesn't help, the other usual suspect is **Smart QoS** re-classifying traffic; turn it off under **Settings → Network → Advanced → QoS** as a test. And if the spikes also appear on a *different* wired device, send diagnostics to Brightwave — that's not normal.
                    """, 6),
            ]),

        // 22
        new(
            "Shield content filter blocks school's Google Classroom",
            """
            My kids' profiles are set to the **Kids (under 13)** filter. Since this week, Google Classroom loads but videos and attached documents show "This site is blocked by Beacon Shield". The school uses YouTube links in assignments.

            I don't want to open up all of YouTube. Options?
            """,
            ["parental-controls"], "Mei Lin Zhou", 20, 300, 5,
            [
                new("Priya Raman", """
                    The Kids filter blocks `youtube.com` and also the `googleusercontent.com` domains that Classroom uses for attachments. Two settings together solve it:

                    1. **Shield → Profiles → (child) → Filters → Allowed sites** → add `classroom.google.com` and `googleusercontent.com`.
                    2. Same screen → **YouTube** → set to **Restricted Mode** instead of *Blocked*. Restricted Mode lets linked videos play but hides most mature content and comments.

                    Changes take effect within a minute. Restart the browser on the child's device so it drops cached DNS.
                    """, 7, Accepted: true),
                new("Sam Ortega", """
                    We've also added Google Classroom and its attachment domains to the built-in **Education** allow-list, rolling out in this week's Shield update, so this shouldn't need manual entries in future.

                    — Sam, Brightwave support
                    """, 4),
            ]),

        // 23
        new(
            "Beacon Pro keeps rebooting itself at 3 am",
            """
            My security camera logs show the network drops every night around **03:00–03:10**. The Beacon app's **Activity** tab says "Beacon Pro restarted". Is the router overheating? It sits on a bookshelf, not enclosed.
            """,
            ["firmware", "hardware"], "Arjun Mehta", 8, 260, 4,
            [
                new("Priya Raman", """
                    That's almost certainly the **nightly maintenance restart**, not overheating. Beacon restarts at ~03:00 local time when it installs an update, and by default also does a weekly health restart.

                    Check **Settings → Updates**:

                    - *Automatic updates* — when they install
                    - *Scheduled restart* — **Weekly** by default; set it to **Off** if your cameras need 24/7 uptime

                    If you see restarts *outside* that window, or the **Activity** entry says "Restarted after a fault", then send diagnostics — that's a different story.
                    """, 6),
                new("Lukas Becker", """
                    If it's every single night rather than weekly, check the time zone under **Settings → Network → Time zone**. Mine was set to UTC after a reset and "weekly" ended up lining up with other jobs.
                    """, 1),
            ]),

        // 24
        new(
            "How do I cancel Beacon Shield without losing my network settings?",
            """
            I want to cancel Shield (money is tight for a while). Will cancelling reset my network or remove my profiles and schedules? I might come back to it later in the year.
            """,
            ["billing", "parental-controls"], "Oliver Brennan", 50, 610, 3,
            [
                new("Sam Ortega", """
                    Cancelling Shield doesn't touch your network at all — Wi-Fi names, passwords, Points, port forwards and guest settings stay exactly as they are.

                    What happens:

                    - Shield keeps working until the **end of the current billing period**.
                    - After that, threat protection, content filters and bedtime schedules stop. Basic **Pause internet** per device stays free.
                    - Your **profiles and schedules are kept for 12 months**, so if you resubscribe they come back as they were.

                    To cancel: **Settings → Subscription → Manage → Cancel Shield**. If you subscribed through the App Store or Google Play, you have to cancel there instead — the app will tell you which.

                    — Sam, Brightwave support
                    """, 8, Accepted: true),
            ]),

        // 25
        new(
            "IPv6 not working with my fibre ISP",
            """
            My ISP supports IPv6 (my old router got a /56 prefix), but with Beacon Pro, test-ipv6 sites give me **0/10**. In **Settings → Network → Advanced → IPv6** I have it set to *Auto*. Firmware 4.3.2.

            The ISP uses DHCPv6 with prefix delegation over PPPoE.
            """,
            ["setup", "performance"], "Lukas Becker", 36, 390, 6,
            [
                new("Priya Raman", """
                    *Auto* tries SLAAC first and on some PPPoE ISPs never falls back to DHCPv6-PD. Set it explicitly:

                    1. **Settings → Network → Advanced → IPv6 → Mode: DHCPv6-PD**
                    2. **Prefix size hint:** `/56` (match what your ISP hands out)
                    3. Save and let the Pro reconnect (~30 s).

                    Then verify from a computer on the network:

                    ```bash
                    ip -6 addr show | grep global      # should show a 2xxx: address
                    ping -6 -c 4 ipv6.google.com
                    ```

                    If you get an address but no connectivity, check that IPv6 firewall is on *Default* and not *Block all inbound and outbound* — a surprising number of people toggle that by accident.
                    """, 9, Accepted: true),
            ]),

        // 26
        new(
            "Can I set up Beacon without the mobile app?",
            """
            I don't own a smartphone (yes, really). Is there a web interface or desktop app to set up and manage a Beacon Pro? The quick-start guide only mentions the app.
            """,
            ["setup", "mobile-app"], "Erik Lindqvist", 95, 1580, 8,
            [
                new("Sam Ortega", """
                    Yes. There's a local web interface that covers setup and the most common settings:

                    1. Connect a computer to the Beacon Pro with an Ethernet cable (any LAN port).
                    2. Open **http://beacon.local** (or `http://192.168.86.1` if `.local` doesn't resolve).
                    3. Sign in with your Brightwave account, or choose *Set up without an account* for a local-only network.

                    Local-only networks can add Points, change Wi-Fi settings, set up port forwarding and update firmware. Remote access, Shield and app notifications require an account.

                    Guide: https://support.brightwave.example/articles/web-setup

                    — Sam, Brightwave support
                    """, 10, Accepted: true),
                new("Nadia Petrova", """
                    You could also borrow a friend's phone, set it up, then remove their account afterwards.
                    """, -1),
            ]),

        // 27
        new(
            "Beacon Point loses connection after firmware 4.3.0",
            """
            Since the 4.3.0 update two days ago, both my **Beacon Points** drop out of the mesh several times a day. The light goes amber, then red, then back to white after a few minutes. Before the update they were solid white for months. Nothing moved.

            Anyone else? Can I roll back?
            """,
            ["firmware", "wifi-coverage"], "Fatima Haddad", 110, 1840, 12,
            [
                new("Sam Ortega", """
                    Thanks to everyone who reported this and sent diagnostics — it let us find it quickly.

                    **Cause:** 4.3.0 changed how Points choose their backhaul channel when DFS channels are in use. If radar detection fired, some Points moved to a channel the Pro wasn't on and took several minutes to find it again.

                    **Fix:** firmware **4.3.1** is rolling out now to all networks. To get it right away: **Settings → Updates → Check for updates**.

                    **Until you're updated:** **Settings → Wi-Fi → Advanced → Use DFS channels → Off**. This avoids the issue completely.

                    We don't offer a rollback in the app, but 4.3.1 is the proper fix. Sorry for the disruption.

                    — Sam, Brightwave support
                    """, 13, Accepted: true),
                new("Priya Raman", """
                    Confirming: turning off DFS stopped the drops on my network immediately, and after 4.3.1 I turned DFS back on with no problems for a week now.
                    """, 7),
                new("Jamal Carter", """
                    Same here on a Pro + 3 Points. Solid white for four days now since 4.3.1 installed.
                    """, 2),
                new("Mei Lin Zhou", """
                    Thank you for posting the DFS workaround. Our Points had been dropping during the kids' online lessons every morning, and after switching DFS off they stayed connected until 4.3.1 arrived.
                    """, 1),
            ]),

        // 28
        new(
            "WPA3 option greyed out in Wi-Fi settings",
            """
            Under **Settings → Wi-Fi → Security** I can only pick *WPA2* or *WPA2/WPA3 mixed*. **WPA3 only** is greyed out with no explanation. Beacon Pro + 1 Beacon Mini, firmware 4.3.2.
            """,
            ["security", "mobile-app"], "Chloe Dubois", 24, 270, 3,
            [
                new("Priya Raman", """
                    *WPA3 only* is greyed out when any device in the mesh doesn't support it as a backhaul — and the **first-generation Beacon Mini** (serial `BMN1-`) can't. If your Mini is a `BMN1-`, that's why.

                    Honestly, *WPA2/WPA3 mixed* is the right choice for most homes anyway: modern devices use WPA3, older ones fall back to WPA2, and you don't strand your printer or smart plugs.
                    """, 6),
            ]),

        // 29
        new(
            "Replacing a failed Beacon Point under warranty — what do I need?",
            """
            One of my Points died (no light at all, tried different sockets and the original power adapter). It's about 14 months old. What does Brightwave need from me for a warranty claim, and do I have to send the old one back first? I'd rather not be without coverage for weeks.
            """,
            ["hardware", "account"], "Amara Okafor", 42, 320, 4,
            [
                new("Sam Ortega", """
                    Beacon hardware has a **2-year warranty** from date of purchase, so 14 months is covered.

                    You'll need:

                    - The **serial number** (on the label underneath, starts with `BPT`)
                    - Proof of purchase (a photo of the receipt or order e-mail is fine)

                    Open a claim at https://support.brightwave.example/warranty. By default we use **advance replacement**: we ship the new Point first, with a prepaid label to return the dead one within 30 days. You won't be without coverage.

                    When the replacement arrives, remove the old Point in the app (**Home → Network Map → Point → Remove**) and add the new one as usual.

                    — Sam, Brightwave support
                    """, 7, Accepted: true),
                new("Ingrid Solberg", """
                    If you bought it through a retailer, the warranty is still with Brightwave — no need to go back to the shop.
                    """, 2),
            ]),

        // 30
        new(
            "Per-device speed limits for kids' tablets?",
            """
            Is there a way to limit the bandwidth for specific devices? My kids' tablets download massive game updates and everyone else's video calls suffer. I don't want to block them, just slow them down.
            """,
            ["parental-controls", "performance"], "Siobhan O'Neill", 55, 430, 5,
            [
                new("Priya Raman", """
                    There's no hard speed cap per device, but two things get you most of the way:

                    1. **Device priority.** In **Devices**, tap your work laptop (or anything you care about) → **Prioritise** → *Always*. Beacon then gives that device's traffic precedence whenever the line is busy.
                    2. **Shield → Profiles → (kid) → Downloads: Low priority**. This tags the profile's bulk downloads so they yield to everything else. Requires Shield.

                    With Smart QoS on (the default), these together usually stop game updates from hurting video calls.
                    """, 6),
            ]),

        // 31
        new(
            "App notifications: 'New device joined' every night",
            """
            Every night between 01:00 and 02:00 I get 5–10 notifications saying **"New device joined your network"**. They all seem to be our own phones. How do I stop this without turning off all notifications? I still want to know about genuinely new devices.
            """,
            ["mobile-app"], "Yusuf Demir", 11, 190, 4,
            []),

        // 32
        new(
            "Custom DNS (Pi-hole) with Beacon Shield enabled?",
            """
            I run Pi-hole on a Raspberry Pi at `192.168.86.5`. I also pay for Shield for the parental controls. If I set custom DNS servers on the Beacon, does Shield still filter? Or do I have to choose one?
            """,
            ["security", "setup"], "Kenji Watanabe", 65, 980, 11,
            [
                new("Priya Raman", """
                    You can run both, but the order matters. Shield's filtering works by answering DNS itself, so if the Beacon hands out your Pi-hole as the DNS server, devices skip Shield entirely.

                    What works:

                    ```text
                    Clients ──► Beacon (Shield filters here) ──► Pi-hole ──► upstream DNS
                    ```

                    1. Leave **DHCP DNS** on the Beacon at **Automatic** so clients use the Beacon.
                    2. Under **Settings → Network → Advanced → DNS → Upstream servers**, set `192.168.86.5` (your Pi-hole).
                    3. Give the Pi a **DHCP reservation** so its address never changes.
                    4. On the Pi-hole, set its own upstream to `1.1.1.1` / `9.9.9.9` or whatever you like.

                    Downside: Pi-hole will see every query as coming from the Beacon, so per-client stats disappear. Shield's activity report still has per-device detail.

                    Don't set the Pi-hole as upstream *and* point the Pi-hole back at the Beacon — that's a DNS loop and everything stops resolving.
                    """, 12, Accepted: true),
                new("Erik Lindqvist", """
                    Running exactly this setup for six months. Works great. Also turn on "conditional forwarding" in Pi-hole pointing at the Beacon, so local hostnames still resolve.
                    """, 3),
            ]),

        // 33
        new(
            "Beacon Shield price increase — will existing annual plans change?",
            """
            Got an e-mail saying Shield is going from $59.99 to $69.99 per year. I renewed my annual plan two months ago. Does the new price apply immediately or at my next renewal? And is there still a monthly option?
            """,
            ["billing"], "Jamal Carter", 7, 540, 6,
            [
                new("Alex Kim", """
                    Hi Jamal — the new price only applies **at your next renewal**. What you've already paid covers you until then and won't be charged again.

                    Summary:

                    - **Annual:** $69.99 from the renewal date after 1 March
                    - **Monthly:** still available, $6.99
                    - Subscribers since before 2024 keep the old price for one more renewal
                    - You'll get a reminder e-mail **30 days** before any renewal at the new price, so there's time to switch or cancel

                    Full details: https://support.brightwave.example/shield/pricing-2025
                    """, 8, Accepted: true),
            ]),

        // 34
        new(
            "Mesh keeps steering my laptop to the far Point",
            """
            My laptop in the kitchen connects to the Point in the **garage** (through two walls) instead of the Point in the kitchen that's 3 m away. Network Map confirms it. Speeds are terrible until I toggle Wi-Fi off and on.
            """,
            ["wifi-coverage", "performance"], "Nadia Petrova", 19, 365, 7,
            [
                new("Priya Raman", """
                    This is a "sticky client": laptops decide when to roam, not the router. Beacon can suggest a better Point (802.11k/v) but many laptop drivers ignore the hint until the signal is really bad.

                    Things that help:

                    - **Update the laptop's Wi-Fi driver.** Intel drivers from before 2023 are notorious for this.
                    - Windows: *Device Manager → Wi-Fi adapter → Advanced → Roaming Aggressiveness → Medium-High*.
                    - In Beacon: **Settings → Wi-Fi → Advanced → Roaming assistant → Aggressive**. This makes a Point nudge off clients with weak signal.

                    If you just want a quick fix for one device, **Devices → laptop → Preferred Point → Kitchen**.
                    """, 9),
                new("Kenji Watanabe", """
                    Preferred Point is underrated. I pinned my desktop to the office Point and haven't had a problem since.
                    """, 4),
            ]),

        // 35
        new(
            "Forgot which email I used for my Beacon account",
            """
            I set up Beacon two years ago and now need to sign in on a new phone, but I don't remember which e-mail address I used. None of my three addresses work with "Forgot password". The network still works fine. Help?
            """,
            ["account"], "Sofia Marchetti", 3, 45, 1,
            [
                new("Ingrid Solberg", """
                    For privacy reasons nobody on the forum can look that up, but Brightwave support can. Have the **serial number** of your Beacon Pro ready (sticker underneath) — I'll flag this thread for the support team.
                    """, 3),
                new("Sam Ortega", """
                    Hi Sofia — I've sent you a private message. If you reply with the Pro's serial number and the approximate purchase date, I can send a sign-in link to the address on file without revealing it here.

                    In the meantime, try searching your inboxes for e-mails from `no-reply@brightwave.example` with the subject "Welcome to Beacon" — that's the address you used.

                    — Sam, Brightwave support
                    """, 4, Accepted: true),
            ]),

        // 36
        new(
            "Is a UK plug version of the Beacon Mini available?",
            """
            Looking to buy a Beacon Mini, but the product page photos show a US-style plug built in. Is there a UK version with a type G plug, or do I need an adapter? An adapter would make it stick out of the wall a long way.
            """,
            ["hardware"], "Oliver Brennan", 16, 74, 1,
            []),

        // 37
        new(
            "Speed test in the app vs. speedtest.net differ by 300 Mbps",
            """
            The Beacon app's **Internet speed** test says **920 Mbps**. Speedtest.net on my laptop, right next to the Pro on Wi-Fi, says **610 Mbps**. Which one is "true"? Am I losing 300 Mbps somewhere?
            """,
            ["performance", "mobile-app"], "Arjun Mehta", 1, 40, 2,
            []),

        // 38
        new(
            "Parental controls: kids bypass using private MAC address",
            """
            My 15-year-old figured out that if he turns on **"Private Wi-Fi Address"** on his iPhone (or "Forget this network" and rejoin), he gets a new MAC and is no longer in his Shield profile. Bedtime and filters don't apply any more.

            How do other parents deal with this?
            """,
            ["parental-controls", "security"], "Amara Okafor", 28, 700, 13,
            [
                new("Priya Raman", """
                    Classic. Three layers, from easiest to most robust:

                    1. **Default profile for new devices.** **Shield → Settings → New devices → Assign to profile: "Restricted"**. Create a Restricted profile with bedtime and strict filters. Any unrecognised device lands there until you move it. This alone defeats the MAC trick.
                    2. **Approve new devices.** **Settings → Security → New device approval → On**. New devices get internet only after you tap *Allow* in the app. Slightly annoying when guests visit (use the guest network for them).
                    3. **Device lock on the phone.** On iOS, *Screen Time → Content & Privacy → Wi-Fi / Private Address changes → Don't Allow*. Android Family Link has a similar setting.

                    Combine 1 and 3 and there's very little left to try. Well, except a neighbour's Wi-Fi, but that's a conversation rather than a setting.
                    """, 14, Accepted: true),
                new("Sam Ortega", """
                    Good summary. We're also adding **profile assignment by account** in a future Shield release: devices signed in to a child's Apple or Google family account will be matched to the profile automatically, regardless of MAC address.

                    — Sam, Brightwave support
                    """, 6),
                new("Chloe Dubois", """
                    The "Restricted" default profile was a game-changer for us. My daughter's friends now ask for the guest Wi-Fi password instead.
                    """, 2),
            ]),

        // 39
        new(
            "Firmware 4.4.0 beta — anyone tried it?",
            """
            The 4.4.0 public beta is out (Settings → Updates → Beta program). Release notes mention an **update install window**, **WPA3 on the IoT network**, and "improved roaming". Has anyone installed it yet? Any problems? I'm tempted but the Pro runs my whole home office.
            """,
            ["firmware"], "Erik Lindqvist", 4, 230, 5,
            [
                new("Kenji Watanabe", """
                    On it since day one, Pro + two wired Points. Notes so far:

                    - Install window works; set 02:00–05:00 and it waited politely.
                    - Roaming between floors is noticeably better on my phone.
                    - **One bug:** the guest network's custom schedule reset to *Always*. Had to set it again.

                    I'd wait a week if it's your work network.
                    """, 4),
                new("Lukas Becker", """
                    Installed on a Pro + Mini. IPv6 prefix delegation broke after the upgrade until I toggled IPv6 off and on. Reported through the beta feedback form.
                    """, 2),
            ]),

        // 40
        new(
            "Apple HomeKit devices drop off after adding a Beacon Point",
            """
            Since I added a Beacon Point in the hallway, my HomeKit thermostat and two sensors keep going *No Response* in the Home app. They come back if I restart them. They're all within 5 m of the new Point.
            """,
            ["wifi-coverage", "setup"], "Mei Lin Zhou", 16, 280, 3,
            [
                new("Priya Raman", """
                    Most HomeKit Wi-Fi accessories don't like being moved between access points, and they *hate* it when the mesh changes their channel. Try:

                    1. **Settings → Wi-Fi → Smart home setup → IoT network** and move those accessories onto it. That network uses a fixed 2.4 GHz channel.
                    2. **Devices → thermostat → Preferred Point →** pick the closest one so it stops bouncing.
                    3. Make sure your Home hub (HomePod or Apple TV) is on the main network; it will still talk to accessories on the IoT network because Beacon allows mDNS between them.
                    """, 5),
            ]),

        // 41
        new(
            "Getting 'Subscription could not be verified' on Shield screen",
            """
            Just opened the Shield tab and it shows a red banner: **"Subscription could not be verified. Some features are paused."** My card is valid and I was charged last week. Parental controls have stopped working for my kids right now. Is there an outage?
            """,
            ["billing", "mobile-app"], "Fatima Haddad", 0, 9, 0,
            []),

        // 42
        new(
            "How to see which Point a device is connected to?",
            """
            Is there a way to see which Point my phone or TV is currently connected to? I'd like to understand whether the TV is using the Point in the lounge or reaching all the way back to the Pro.
            """,
            ["mobile-app", "wifi-coverage"], "Chloe Dubois", 75, 860, 6,
            [
                new("Ingrid Solberg", """
                    Two ways:

                    - **Devices →** tap the TV. The *Connected to* line shows the Point's name plus the band (`5 GHz`) and signal strength.
                    - **Home → Network Map →** tap a Point to list every device connected through it.

                    If the TV should be on the lounge Point but isn't, you can pin it with **Preferred Point** on the same device screen.
                    """, 7, Accepted: true),
            ]),

        // 43
        new(
            "Beacon Pro WAN port only negotiates 100 Mbps",
            """
            My gigabit plan tops out at ~94 Mbps. In the app, **Settings → Network → Internet → Link speed** shows `100 Mbps full duplex`. The ISP's ONT definitely has a gigabit port. Cable is the flat one that came with the ONT.
            """,
            ["hardware", "performance"], "Lukas Becker", 48, 520, 8,
            [
                new("Priya Raman", """
                    94 Mbps is the classic "only two pairs are working" number. Gigabit Ethernet needs **all four pairs**; 100 Mbps only needs two, so a damaged or cheap cable silently falls back.

                    1. **Swap the cable** for a proper Cat5e/Cat6 cable (the one in the Beacon box is fine). Flat cables supplied with ONTs are often 2-pair.
                    2. Check the link speed again — it should say `1000 Mbps` (or `2.5 Gbps` if your ONT supports it).
                    3. If it still says 100, try a LAN port on the ONT if there are several, and reseat both ends firmly.

                    If none of that helps, set **Link speed** to *1 Gbps fixed* instead of *Auto* — a few ONTs negotiate badly with auto — and if that fails, the WAN port might be faulty (warranty).
                    """, 10, Accepted: true),
                new("Oliver Brennan", """
                    Seen this countless times. Also check the cable isn't pinched under a skirting board or door — a crushed pair will do exactly this.
                    """, 3),
            ]),

        // 44
        new(
            "Delete my account and all data (GDPR request)",
            """
            I'm moving to a different router brand and want my Brightwave account and all associated data deleted, including device history and Shield activity logs. Where do I do that, and how do I get confirmation?
            """,
            ["account", "security"], "Zofia Nowak", 80, 150, 2,
            [
                new("Sam Ortega", """
                    You can do it yourself in the app: **Settings → Account → Privacy → Delete account**. You'll be asked to confirm by e-mail.

                    - Networks are removed and devices factory-reset (if they're online).
                    - Shield activity logs, device history and diagnostics are deleted within **30 days**, and from backups within 90 days.
                    - Active subscriptions are cancelled; unused time on an annual plan is refunded pro rata.
                    - You receive a confirmation e-mail when deletion is complete.

                    If you'd like a copy of your data first, use **Download my data** on the same screen. Our privacy policy: https://support.brightwave.example/privacy

                    — Sam, Brightwave support
                    """, 5, Accepted: true),
            ]),

        // 45
        new(
            "Can a Beacon Point go in an unheated garden shed?",
            """
            I'd like Wi-Fi in the garden and was thinking of putting a Beacon Point in our wooden shed. It gets down to −10 °C in winter and damp in autumn. Is the Point rated for that? Any weatherproof option from Brightwave?
            """,
            ["hardware", "wifi-coverage"], "Jamal Carter", 100, 640, 4,
            []),

        // 46
        new(
            "Can two people manage the same Beacon network?",
            """
            My partner and I both want to manage the network from our own phones — she handles the kids' Shield profiles, I handle everything else. Right now she has to borrow my phone. Is there a way to add a second admin without sharing my password?
            """,
            ["account", "mobile-app"], "Mateo Alvarez", 58, 410, 5,
            [
                new("Priya Raman", """
                    Yes — **Settings → Household → Invite member**. Enter her e-mail; she accepts the invite in the Beacon app with her own Brightwave account.

                    Roles:

                    - **Owner** — everything, including billing and removing the network (only one per network)
                    - **Manager** — all settings and Shield profiles, no billing
                    - **Viewer** — can see devices and pause internet, can't change settings

                    For what you describe, make her a **Manager**.
                    """, 6),
            ]),

        // 47
        new(
            "Does Beacon support VLANs for IoT devices?",
            """
            I'd like to put cameras and smart plugs on a separate VLAN with firewall rules (IoT can't reach my LAN, LAN can reach IoT). Does Beacon Pro support 802.1Q VLANs or any kind of inter-network firewall rules?
            """,
            ["security", "setup"], "Kenji Watanabe", 90, 1120, 9,
            [
                new("Sam Ortega", """
                    Not full 802.1Q VLANs today, no. What's available is the **IoT network**:

                    - Separate SSID, 2.4 GHz
                    - IoT devices can't initiate connections to your main network
                    - Main network devices *can* reach IoT devices (one-way, as you describe)
                    - mDNS/AirPlay/Chromecast discovery is passed through so your phone can still find them

                    There's no custom firewall rule editor. VLAN tagging on the LAN ports is on the feature request list; I've added your vote.

                    — Sam, Brightwave support
                    """, 6),
                new("Priya Raman", """
                    For what it's worth, the IoT network covers about 90% of what people use VLANs for at home. The one gap is wired IoT devices — the IoT network is wireless only, so a wired camera stays on the main LAN.
                    """, 5),
            ]),

        // 48
        new(
            "Wi-Fi drops for a few seconds when the microwave is running",
            """
            Whenever someone uses the microwave, my laptop in the kitchen loses Wi-Fi for a few seconds, sometimes longer. The Beacon Point is on top of the fridge, right next to the microwave. Is it the microwave, the Point, or both?
            """,
            ["wifi-coverage", "performance"], "Sofia Marchetti", 2, 70, 1,
            []),

        // 49
        new(
            "Bedtime exceptions for homework apps?",
            """
            Bedtime on my daughter's profile starts at 21:00. Sometimes she has legitimate homework on a school app that runs late. Can I allow specific apps or sites during bedtime rather than turning bedtime off for the whole evening?
            """,
            ["parental-controls"], "Nadia Petrova", 13, 120, 2,
            []),

        // 50
        new(
            "High-pitched whine coming from a Beacon Point",
            """
            My newest Beacon Point (bought 3 weeks ago) makes a faint high-pitched whine, audible at night in the bedroom. It gets louder when devices are streaming. The other Point is silent. Is this normal coil whine or a faulty unit?
            """,
            ["hardware"], "Yusuf Demir", 38, 95, 0,
            []),

        // 51
        new(
            "Beacon app crashes when opening Network Map on iPad",
            """
            On my iPad Air (iPadOS 18.2, app 5.0.4) the app crashes as soon as I tap **Network Map**. Every other screen works. On my iPhone the map works fine. I've reinstalled the app.
            """,
            ["mobile-app"], "Amara Okafor", 6, 85, 3,
            []),

        // 52
        new(
            "Can't log in: 'Too many attempts, try again later'",
            """
            I mistyped my password a few times and now the app says **"Too many attempts, try again later"**. How long is "later"? I need to change a setting for a work call in an hour.
            """,
            ["account"], "Arjun Mehta", 0, 6, 0,
            []),

        // 53
        new(
            "Where can I find the firmware changelog for 4.3.2?",
            """
            The app just says "Bug fixes and improvements" for 4.3.2. Is there a full changelog anywhere? I'd like to know whether it fixes the IPv6 lease renewal problem from 4.3.1.
            """,
            ["firmware"], "Oliver Brennan", 10, 260, 4,
            [
                new("Priya Raman", """
                    Full release notes live here: https://support.brightwave.example/firmware/release-notes

                    For 4.3.2 the relevant lines are:

                    ```text
                    4.3.2 (Beacon Pro, Point, Mini)
                      - Fixed: IPv6 prefix not renewed after DHCPv6 lease expiry on some ISPs
                      - Fixed: Shield schedules not applied to wired clients on Points
                      - Fixed: Guest network QR code used old password after change
                      - Improved: Faster recovery after DFS radar events
                      - Security: Updated dnsmasq and OpenSSL
                    ```

                    So yes, the IPv6 renewal issue is fixed. You can subscribe to the page's RSS feed to get notified of new releases.
                    """, 6, Accepted: true),
            ]),

        // 54
        new(
            "WPS button on Beacon Pro does nothing",
            """
            pressed the wps button on the back of the pro to connect my printer but nothing happens, no light change. printer is ready for wps. what am i doing wrong
            """,
            ["hardware", "setup"], "Chloe Dubois", 68, 210, -1,
            [
                new("Priya Raman", """
                    That button isn't WPS — it's the *pairing* button used when adding a Point during setup. Beacon doesn't support WPS at all (it's an old, insecure protocol), so there's no light change to expect.

                    For the printer, use its control panel to pick your network and type the password, or connect it temporarily with a USB cable and use the manufacturer's setup tool. If it's 2.4 GHz only, see the **Smart home setup** tip in the thread about smart plugs.
                    """, 4),
            ]),

        // 55
        new(
            "Is Beacon Shield threat protection worth it if I already use antivirus?",
            """
            I already pay for antivirus on all our laptops. Is Beacon Shield's threat protection actually adding anything, or is it duplicate? I'm mostly considering Shield for the parental controls.
            """,
            ["security", "billing"], "Sofia Marchetti", 26, 480, 3,
            [
                new("Priya Raman", """
                    They overlap less than you'd think. Antivirus protects the devices it's installed on. Shield's threat protection works at the network level (DNS and connection blocking), so it also covers things you *can't* install antivirus on: smart TVs, cameras, plugs, consoles, guests' phones.

                    It's not a replacement for antivirus on laptops, and it won't catch malware that arrives by USB stick. But if you're buying Shield for parental controls anyway, threat protection comes with it — leave it on.
                    """, 5),
                new("Kenji Watanabe", """
                    Counterpoint: if you only care about threat protection, a free filtering DNS like Quad9 gets you a good chunk of the benefit. Shield is worth it mainly for the parental controls and the per-device reports.
                    """, 4),
                new("Sam Ortega", """
                    Both fair points. One detail: Shield also blocks known-bad **IP addresses** (not just domains) and watches for devices on your network contacting command-and-control servers, which a DNS service can't see. We publish what it does here: https://support.brightwave.example/shield/how-it-works

                    — Sam, Brightwave support
                    """, 3),
            ]),

        // 56
        new(
            "Help!! internet not working since yesterday",
            """
            internet stopped working yesterday. tried everything. please help asap
            """,
            ["setup"], "Yusuf Demir", 31, 60, -2,
            [
                new("Ingrid Solberg", """
                    Hi Yusuf — happy to help, but we need a bit more to go on. Could you edit your question to include:

                    - What colour the light on the **Beacon Pro** is (and on any Points)
                    - Whether the ISP modem's lights look normal
                    - Whether a device plugged **directly into the modem** gets internet
                    - What "tried everything" included (restarts? resets?)

                    A red light on the Pro usually means the problem is between the modem and your ISP. Also see https://support.brightwave.example/articles/no-internet
                    """, 2),
            ]),

        // 57
        new(
            "DHCP reservation for my NAS keeps getting a different IP",
            """
            My Synology NAS gets a new IP every few days, which breaks my backup jobs. I've set a reservation in the app (**Devices → NAS → IP reservation**) for `192.168.86.40`, but it still sometimes shows `.112`. What am I missing?
            """,
            ["setup"], "Zofia Nowak", 44, 350, 5,
            [
                new("Priya Raman", """
                    Most likely the NAS has **two network interfaces** (many Synology models have two LAN ports) or is using a bonded link, and the reservation is on the MAC of the *other* port.

                    1. In DSM: **Control Panel → Network → Network Interface**. Note the MAC of the port that's actually cabled.
                    2. In the Beacon app: **Devices** — you'll probably find **two** entries for the NAS. Put the reservation on the one whose MAC matches.
                    3. Renew the lease on the NAS (disable/enable the interface) or just reboot it.

                    Alternatively set a static IP on the NAS itself, **outside** the DHCP range. Beacon's default range is `192.168.86.100–.250`, so `.40` is safe:

                    ```text
                    IP:       192.168.86.40
                    Subnet:   255.255.255.0
                    Gateway:  192.168.86.1
                    DNS:      192.168.86.1
                    ```
                    """, 7, Accepted: true),
            ]),

        // 58
        new(
            "Second household member can't see Shield profiles",
            """
            I invited my husband as a **Manager** on our network. He can see devices and change Wi-Fi settings, but the Shield tab on his phone just says "Subscribe to Beacon Shield". We definitely have an active subscription on my account. Is Shield not shared with household members?
            """,
            ["parental-controls", "account"], "Mei Lin Zhou", 9, 90, 2,
            []),

        // 59
        new(
            "Wi-Fi calling drops when walking between Points",
            """
            When I walk from the living room (Pro) to the bedroom (Point) during a Wi-Fi call on my phone, the call drops every time. Regular Wi-Fi browsing doesn't notice the switch. Mobile signal at home is terrible, so Wi-Fi calling matters. Phone: Galaxy S23, carrier Wi-Fi calling on. Firmware 4.3.2.
            """,
            ["wifi-coverage", "performance"], "Erik Lindqvist", 5, 105, 2,
            []),

        // 60
        new(
            "Beacon Mini light too bright at night — can I turn it off?",
            """
            The Beacon Mini in our hallway lights up the whole landing at night. Is there a way to dim or turn off the status light?
            """,
            ["hardware", "mobile-app"], "Siobhan O'Neill", 1, 33, 3,
            [
                new("Priya Raman", """
                    Yes: **Home → Network Map →** tap the Mini **→ Status light** → *Off*, *Dim* or *Night mode* (off from 22:00–07:00). It will still flash if there's a problem, so you don't lose the warning.
                    """, 4, Accepted: true),
            ]),
    ];
}
