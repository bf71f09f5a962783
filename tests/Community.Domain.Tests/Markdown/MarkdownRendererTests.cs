using System.Text;
using Community.Domain.Markdown;

namespace Community.Domain.Tests.Markdown;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    private string RenderOk(string markdown)
    {
        var result = _renderer.Render(markdown);
        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Error);
        return result.Html;
    }

    private string RenderCommentOk(string markdown)
    {
        var result = _renderer.RenderComment(markdown);
        Assert.True(result.Succeeded, result.Error);
        return result.Html;
    }

    private static string Refusal(MarkdownRenderResult result)
    {
        Assert.False(result.Succeeded);
        Assert.Equal("", result.Html);
        Assert.NotNull(result.Error);
        Assert.EndsWith("try again.", result.Error);
        return result.Error;
    }

    // ---- basics --------------------------------------------------------------------------------------------

    [Fact]
    public void Renders_commonmark_paragraphs_and_emphasis()
    {
        var html = RenderOk("Hello *world* and **bold** and ~~gone~~.\n\nSecond paragraph.");

        Assert.Contains("<p>Hello <em>world</em> and <strong>bold</strong> and <del>gone</del>.</p>", html);
        Assert.Contains("<p>Second paragraph.</p>", html);
    }

    [Fact]
    public void Result_carries_the_current_version()
    {
        var result = _renderer.Render("text");

        Assert.Equal(MarkdownRenderer.CurrentVersion, result.Version);
        Assert.Equal(1, result.Version);
    }

    // ---- raw HTML, scripts, event handlers -----------------------------------------------------------------

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("before <script>alert(1)</script> after")]
    [InlineData("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>")]
    public void Script_tags_never_reach_the_output(string markdown)
    {
        var html = RenderOk(markdown);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<p onclick=\"alert(1)\">hi</p>")]
    [InlineData("text <b onmouseover=alert(1)>bold</b>")]
    public void Event_handler_attributes_never_reach_the_output(string markdown)
    {
        var html = RenderOk(markdown);

        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b ", html);
        Assert.DoesNotMatch("<[a-z]+[^>]*\\son[a-z]+=", html);
    }

    [Fact]
    public void Raw_html_is_escaped_as_text()
    {
        var html = RenderOk("<div class=\"x\">hi</div>\n\nInline <span>span</span> here.");

        Assert.Contains("&lt;div class=\"x\"&gt;hi&lt;/div&gt;", html);
        Assert.Contains("Inline &lt;span&gt;span&lt;/span&gt; here.", html);
        Assert.DoesNotContain("<div", html);
        Assert.DoesNotContain("<span", html);
    }

    [Fact]
    public void Sanitizer_removes_scripts_event_handlers_styles_and_foreign_tags()
    {
        // Defence in depth: even if Markdig ever emitted such HTML, the sanitizer stage removes it.
        var sanitizer = MarkdownSanitizers.CreatePost();

        var html = sanitizer.Sanitize(
            "<p onclick=\"alert(1)\" style=\"color:red\" id=\"x\">ok</p><script>alert(2)</script>" +
            "<iframe src=\"https://evil.example\"></iframe><h1>title</h1><h3 class=\"big\">sub</h3>" +
            "<input type=\"text\" value=\"x\"><a href=\"https://example.com\" onmouseover=\"x\" target=\"_blank\">l</a>");

        Assert.Equal(
            "<p>ok</p><h3>sub</h3><a href=\"https://example.com\" rel=\"nofollow ugc noopener\">l</a>",
            html);
    }

    [Fact]
    public void Sanitizer_keeps_only_language_classes_on_code_and_task_list_classes()
    {
        var sanitizer = MarkdownSanitizers.CreatePost();

        var html = sanitizer.Sanitize(
            "<pre><code class=\"language-js evil\">x</code></pre><p class=\"task-list-item\">p</p>" +
            "<ul class=\"contains-task-list other\"><li class=\"task-list-item hidden\">i</li></ul>" +
            "<code class=\"language-\">y</code>");

        Assert.Equal(
            "<pre><code class=\"language-js\">x</code></pre><p>p</p>" +
            "<ul class=\"contains-task-list\"><li class=\"task-list-item\">i</li></ul><code>y</code>",
            html);
    }

    // ---- links ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("[click](javascript:alert(1))", "click")]
    [InlineData("[click](JaVaScRiPt:alert(1))", "click")]
    [InlineData("[click](java&#x09;script:alert(1))", "click")]
    [InlineData("[click](vbscript:msgbox(1))", "click")]
    [InlineData("[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "click")]
    [InlineData("[click](ftp://example.com/file)", "click")]
    [InlineData("[click](//evil.example/path)", "click")]
    [InlineData("[click][ref]\n\n[ref]: javascript:alert(1)", "click")]
    [InlineData("<javascript:alert(1)>", "javascript:alert(1)")]
    public void Dangerous_or_ambiguous_link_targets_are_dropped_but_the_text_stays(string markdown, string text)
    {
        var html = RenderOk(markdown);

        Assert.DoesNotContain("<a", html);
        Assert.DoesNotContain("href", html);
        Assert.Equal($"<p>{text}</p>", html.Trim());
    }

    [Fact]
    public void A_backslash_cannot_turn_a_relative_link_into_another_host()
    {
        // Browsers read "/\host" as "//host"; Markdig percent-encodes the backslash, so it stays a path.
        var html = RenderOk("[click](/\\evil.example/path)");

        Assert.Contains("href=\"/%5Cevil.example/path\"", html);
    }

    [Theory]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("\\\\evil.example")]
    [InlineData(" //evil.example")]
    public void Url_filter_refuses_protocol_relative_links(string url)
    {
        Assert.Null(MarkdownSanitizers.FilterUrl("a", url));
    }

    [Theory]
    [InlineData("[a](https://example.com/x?y=1)", "https://example.com/x?y=1")]
    [InlineData("[a](http://example.com)", "http://example.com")]
    [InlineData("[a](mailto:help@example.com)", "mailto:help@example.com")]
    [InlineData("[a](/topics/12#reply-3)", "/topics/12#reply-3")]
    [InlineData("[a](#section)", "#section")]
    [InlineData("<https://example.com>", "https://example.com")]
    [InlineData("see https://example.com/page for details", "https://example.com/page")]
    [InlineData("see www.example.com for details", "http://www.example.com")]
    public void Allowed_links_keep_their_target_and_get_rel_nofollow_ugc_noopener(string markdown, string href)
    {
        var html = RenderOk(markdown);

        Assert.Contains($"href=\"{href}\"", html);
        Assert.Contains("rel=\"nofollow ugc noopener\"", html);
    }

    [Fact]
    public void Every_link_gets_rel_even_when_several()
    {
        var html = RenderOk("[a](https://a.example) [b](https://b.example \"Title\") https://c.example");

        Assert.Equal(3, CountOf(html, "<a "));
        Assert.Equal(3, CountOf(html, "rel=\"nofollow ugc noopener\""));
        Assert.Contains("title=\"Title\"", html);
    }

    // ---- images --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("![logo](https://example.com/logo.png)", "https://example.com/logo.png")]
    [InlineData("![logo](http://example.com/logo.png \"The logo\")", "http://example.com/logo.png")]
    public void Images_over_http_or_https_are_kept(string markdown, string src)
    {
        var html = RenderOk(markdown);

        Assert.Contains($"<img src=\"{src}\" alt=\"logo\"", html);
    }

    [Theory]
    [InlineData("![logo](data:image/png;base64,iVBORw0KGgo=)")]
    [InlineData("![logo](/uploads/logo.png)")]
    [InlineData("![logo](logo.png)")]
    [InlineData("![logo](//evil.example/logo.png)")]
    [InlineData("![logo](javascript:alert(1))")]
    [InlineData("![logo](ftp://example.com/logo.png)")]
    [InlineData("![logo](mailto:a@example.com)")]
    public void Images_not_over_absolute_http_or_https_are_replaced_by_their_alt_text(string markdown)
    {
        var html = RenderOk(markdown);

        Assert.DoesNotContain("<img", html);
        Assert.Contains("logo", html);
        Assert.DoesNotContain("src=", html);
    }

    // ---- headings ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("# Title", "h3")]
    [InlineData("## Title", "h4")]
    [InlineData("### Title", "h5")]
    [InlineData("#### Title", "h6")]
    [InlineData("##### Title", "h6")]
    [InlineData("###### Title", "h6")]
    [InlineData("Title\n=====", "h3")]
    [InlineData("Title\n-----", "h4")]
    public void Headings_are_demoted_below_the_page_title(string markdown, string tag)
    {
        var html = RenderOk(markdown);

        Assert.Equal($"<{tag}>Title</{tag}>", html.Trim());
        Assert.DoesNotContain("<h1", html);
        Assert.DoesNotContain("<h2", html);
    }

    // ---- code ----------------------------------------------------------------------------------------------

    [Fact]
    public void Fenced_code_keeps_its_language_class_and_escapes_content()
    {
        var html = RenderOk("```csharp\nvar x = a < b && c > d; // <script>\n```");

        Assert.Contains("<pre><code class=\"language-csharp\">", html);
        Assert.Contains("var x = a &lt; b &amp;&amp; c &gt; d; // &lt;script&gt;", html);
    }

    [Fact]
    public void Fenced_code_info_string_cannot_inject_attributes()
    {
        var html = RenderOk("```csharp\" onclick=\"alert(1)\nx\n```");

        Assert.DoesNotContain("onclick", html.Replace("&quot;", ""), StringComparison.Ordinal);
        Assert.Contains("<pre><code", html);
    }

    [Fact]
    public void Inline_code_renders_as_code()
    {
        var html = RenderOk("Call `Render(\"<b>\")` now.");

        Assert.Contains("<code>Render(\"&lt;b&gt;\")</code>", html);
    }

    // ---- tables and task lists -----------------------------------------------------------------------------

    [Fact]
    public void Pipe_tables_render_without_style_attributes()
    {
        var html = RenderOk("| Name | Count |\n|:-----|------:|\n| apples | 3 |\n| pears | 5 |");

        Assert.Contains("<table>", html);
        Assert.Contains("<thead>", html);
        Assert.Contains("<th>Name</th>", html);
        Assert.Contains("<tbody>", html);
        Assert.Contains("<td>pears</td>", html);
        Assert.Contains("<td>5</td>", html);
        Assert.DoesNotContain("style", html);
    }

    [Fact]
    public void Task_lists_render_as_disabled_checkboxes()
    {
        var html = RenderOk("- [x] done\n- [ ] todo\n- plain");

        Assert.Contains("<ul class=\"contains-task-list\">", html);
        Assert.Equal(2, CountOf(html, "<li class=\"task-list-item\">"));
        Assert.Equal(2, CountOf(html, "type=\"checkbox\""));
        Assert.Equal(2, CountOf(html, "disabled=\"disabled\""));
        Assert.Equal(1, CountOf(html, "checked=\"checked\""));
        Assert.Contains("<li>plain</li>", html);
    }

    [Fact]
    public void Lists_quotes_and_rules_render()
    {
        var html = RenderOk("> quoted\n\n3. three\n4. four\n\n---\n\n- a\n- b");

        Assert.Contains("<blockquote>", html);
        Assert.Contains("<ol start=\"3\">", html);
        Assert.Contains("<hr>", html);
        Assert.Contains("<li>a</li>", html);
    }

    // ---- limits: empty and length --------------------------------------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\n\n\t  \r\n")]
    public void Empty_or_whitespace_posts_are_refused(string markdown)
    {
        var error = Refusal(_renderer.Render(markdown));

        Assert.Equal("Your post is empty. Write something and try again.", error);
    }

    [Fact]
    public void A_post_over_the_length_limit_is_refused_with_its_length_and_the_limit()
    {
        var error = Refusal(_renderer.Render(new string('a', 31_204)));

        Assert.Equal("Your post is 31,204 characters long; the limit is 30,000. Shorten it and try again.", error);
    }

    [Fact]
    public void A_post_exactly_at_the_length_limit_is_rendered()
    {
        var renderer = new MarkdownRenderer(new MarkdownRendererOptions { MaxSourceLength = 100 });

        Assert.True(renderer.Render(new string('a', 100)).Succeeded);
        var error = Refusal(renderer.Render(new string('a', 101)));
        Assert.Contains("101 characters long; the limit is 100.", error);
    }

    [Fact]
    public void Default_options_have_the_documented_limits()
    {
        var options = new MarkdownRendererOptions();

        Assert.Equal(30_000, options.MaxSourceLength);
        Assert.Equal(600, options.MaxCommentLength);
        Assert.Equal(32, options.MaxNestingDepth);
        Assert.Equal(200_000, options.MaxHtmlLength);
        Assert.Equal(TimeSpan.FromSeconds(2), options.TimeBudget);
    }

    [Fact]
    public void Invalid_options_are_rejected_when_the_renderer_is_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarkdownRenderer(new MarkdownRendererOptions { MaxSourceLength = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarkdownRenderer(new MarkdownRendererOptions { MaxNestingDepth = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarkdownRenderer(new MarkdownRendererOptions { TimeBudget = TimeSpan.Zero }));
    }

    // ---- limits: nesting depth -----------------------------------------------------------------------------

    [Fact]
    public void A_thousand_nested_quotes_are_refused_by_the_pre_check()
    {
        var error = Refusal(_renderer.Render(new string('>', 1000) + " deep"));

        Assert.Equal(
            "Your post nests quotes or lists 1,000 levels deep; the limit is 32. Remove some of the nesting and try again.",
            error);
    }

    [Fact]
    public void Deep_list_markers_on_one_line_are_refused_by_the_pre_check()
    {
        var markdown = "intro\n\n" + string.Concat(Enumerable.Repeat("- ", 20)) + string.Concat(Enumerable.Repeat("1. ", 20)) + "x";

        var error = Refusal(_renderer.Render(markdown));

        Assert.Contains("40 levels deep; the limit is 32", error);
    }

    [Fact]
    public void Lists_nested_by_indentation_are_refused_by_markdigs_depth_limit()
    {
        // Indentation-only nesting passes the cheap pre-check; Markdig's own limit throws and is turned into a refusal.
        var markdown = string.Join("\n", Enumerable.Range(0, 100).Select(level => new string(' ', level * 2) + "- item"));

        var error = Refusal(_renderer.Render(markdown));

        Assert.Equal(
            "Your post nests quotes, lists, links or emphasis too deeply for us to display. Remove some of the nesting and try again.",
            error);
    }

    [Fact]
    public void Deeply_nested_emphasis_is_refused_before_parsing()
    {
        // 6,000 delimiter runs in one paragraph: refused by counting, not after seconds inside Markdig's emphasis pass.
        var markdown = string.Concat(Enumerable.Repeat("*a ", 3000)) + string.Concat(Enumerable.Repeat("b* ", 3000));

        var error = Refusal(_renderer.Render(markdown));

        Assert.Equal("Your post has 6,000 runs of * or _ in one paragraph; the limit is 400. "
            + "Put code in `backticks` or a code block, or split the paragraph, and try again.", error);
    }

    [Theory]
    [InlineData("**a")]
    [InlineData("*a_")]
    [InlineData("_a ")]
    public void A_paragraph_of_emphasis_delimiters_is_refused_and_the_same_runs_in_code_or_list_items_are_not(string unit)
    {
        var hostile = string.Concat(Enumerable.Repeat(unit, 10_000));
        var inCode = "```\n" + string.Join("\n", Enumerable.Repeat(string.Concat(Enumerable.Repeat(unit, 100)), 50)) + "\n```";
        // 200 pieces of inline code (400 backtick runs, the limit of those) holding 2,000 units.
        var inline = string.Join(" ", Enumerable.Repeat("`" + string.Concat(Enumerable.Repeat(unit, 10)) + "`", 200));
        var list = string.Join("\n", Enumerable.Repeat("- **done** and *checked*", 500));

        Assert.Contains("runs of * or _ in one paragraph", Refusal(_renderer.Render(hostile)));
        RenderOk(inCode);
        RenderOk(inline);
        RenderOk(list);
    }

    [Fact]
    public void A_paragraph_of_thousands_of_link_openers_is_refused_and_links_in_a_list_or_brackets_in_code_render()
    {
        // '[a](' repeated: each unclosed destination made Markdig scan the rest of the paragraph (574 ms, bench/RESULTS.md).
        var hostile = string.Concat(Enumerable.Repeat("[a](", 7_500));
        var list = string.Join("\n", Enumerable.Repeat("- [a page](https://example.com/page)", 300));

        Assert.Equal("Your post has 7,500 links or [ brackets in one paragraph; the limit is 200. "
            + "Split the paragraph, put the links in a list, or put brackets in `backticks`, and try again.", Refusal(_renderer.Render(hostile)));
        Assert.Contains("30,000 links or [ brackets", Refusal(_renderer.Render(new string('[', 30_000))));
        RenderOk("`" + new string('[', 1_000) + "`");
        Assert.Equal(300, CountOf(RenderOk(list), "<a "));
        Assert.Equal(200, CountOf(RenderOk(string.Join(" ", Enumerable.Repeat("[x](https://example.com)", 200))), "<a "));
    }

    [Fact]
    public void A_post_of_thousands_of_bare_addresses_is_refused_before_rendering()
    {
        // 3,000 autolinks took 87 ms to render and sanitize before the HTML limit refused them (bench/RESULTS.md).
        var hostile = string.Concat(Enumerable.Repeat("www.a.com ", 3_000));
        var inParagraphs = string.Join("\n\n", Enumerable.Repeat(string.Concat(Enumerable.Repeat("https://example.com/a ", 100)), 6));

        Assert.Equal("Your post has 3,000 links or [ brackets; the limit is 500. "
            + "Link to fewer pages, or put addresses and brackets that need not be links in `backticks`, and try again.", Refusal(_renderer.Render(hostile)));
        Assert.Contains("600 links or [ brackets; the limit is 500.", Refusal(_renderer.Render(inParagraphs)));
        Assert.Contains("501 links", Refusal(_renderer.Render(string.Join("\n", Enumerable.Repeat("- mailto:help@example.com", 501)))));
    }

    [Fact]
    public void A_list_of_fifty_addresses_and_a_post_of_five_hundred_links_render()
    {
        var fifty = string.Join("\n", Enumerable.Range(1, 50).Select(i => $"- [ ] https://www.example.com/guides/{i}"));
        // A link's address is not counted again: [text](https://www.…) is one link.
        var fiveHundred = string.Join("\n\n", Enumerable.Repeat(string.Join(" ", Enumerable.Repeat("[guide](https://www.example.com/guide)", 100)), 5));
        var inCode = "```\n" + string.Concat(Enumerable.Repeat("www.a.com https://b.org\n", 1_000)) + "```\n\n`www.a.com`";

        Assert.Equal(50, CountOf(RenderOk(fifty), "<a "));
        Assert.Equal(50, CountOf(RenderOk(fifty.Replace("- [ ] ", "1. [x] ")), "<a "));
        Assert.Equal(500, CountOf(RenderOk(fiveHundred), "<a "));
        Assert.Equal(0, CountOf(RenderOk(inCode), "<a "));
    }

    [Fact]
    public void A_paragraph_of_thousands_of_backtick_runs_is_refused_and_inline_code_in_a_list_or_a_code_block_renders()
    {
        // '`a``' repeated ('`a```a```…': 7,501 runs): 33–100 ms in the sanitizer (bench/RESULTS.md).
        var hostile = string.Concat(Enumerable.Repeat("`a``", 7_500));
        var list = string.Join("\n", Enumerable.Repeat("- run `make` then `make install`", 300));
        var block = "```\n" + string.Concat(Enumerable.Repeat("`a`` ", 1_000)) + "\n```";

        Assert.Equal("Your post has 7,501 runs of ` in one paragraph; the limit is 400. "
            + "Put long code in a code block (``` on a line of its own before and after it), or split the paragraph, and try again.", Refusal(_renderer.Render(hostile)));
        Assert.Equal(600, CountOf(RenderOk(list), "<code>"));
        RenderOk(block);
        Assert.Equal(200, CountOf(RenderOk(string.Join(" ", Enumerable.Repeat("`x`", 200))), "<code>"));
    }

    [Fact]
    public void A_table_of_thousands_of_cells_is_refused_and_a_table_of_four_hundred_rows_renders()
    {
        // 2,000 columns: 40–170 ms, most of it in the sanitizer (bench/RESULTS.md).
        var wide = "|" + string.Concat(Enumerable.Repeat(" a |", 2_000)) + "\n|" + string.Concat(Enumerable.Repeat("---|", 2_000)) + "\n|" + string.Concat(Enumerable.Repeat(" b |", 2_000));
        var rows = "| a | b | c |\n|---|---|---|\n" + string.Concat(Enumerable.Range(1, 400).Select(i => $"| {i} | x | y |\n"));

        Assert.Equal("Your post has 6,003 table cells or | characters; the limit is 2,000. "
            + "Shorten the table, put it in a code block, or put | in `backticks`, and try again.", Refusal(_renderer.Render(wide)));
        Assert.Equal(1_200, CountOf(RenderOk(rows), "<td>"));
        RenderOk("```\n" + wide + "\n```");
    }

    [Fact]
    public void Emphasis_up_to_the_limit_in_one_paragraph_renders()
    {
        var html = RenderOk(string.Join(" ", Enumerable.Repeat("**bold**", 200)));

        Assert.Equal(200, CountOf(html, "<strong>"));
    }

    [Fact]
    public void Nesting_within_the_limit_renders()
    {
        var html = RenderOk(new string('>', 10) + " ten levels\n\n" + string.Concat(Enumerable.Repeat("- ", 10)) + "ten lists");

        Assert.Equal(10, CountOf(html, "<blockquote>"));
        Assert.Equal(10, CountOf(html, "<ul>"));
    }

    [Theory]
    [InlineData(">")]
    [InlineData("- ")]
    [InlineData("1. ")]
    [InlineData("> - ")]
    public void Nesting_exactly_at_the_default_limit_renders_and_one_more_level_is_refused(string marker)
    {
        var levelsPerMarker = marker == "> - " ? 2 : 1;
        var atLimit = string.Concat(Enumerable.Repeat(marker, 32 / levelsPerMarker)) + " x";
        var overLimit = string.Concat(Enumerable.Repeat(marker, 32 / levelsPerMarker + 1)) + " x";

        Assert.True(_renderer.Render(atLimit).Succeeded, _renderer.Render(atLimit).Error);
        Assert.Contains($"{32 + levelsPerMarker} levels deep; the limit is 32.", Refusal(_renderer.Render(overLimit)));
    }

    [Fact]
    public void Horizontal_rules_made_of_many_markers_are_not_mistaken_for_nesting()
    {
        var html = RenderOk("above\n\n" + string.Concat(Enumerable.Repeat("- ", 60)) + "\n\nbelow");

        Assert.Contains("<hr>", html);
    }

    [Fact]
    public void Nesting_limit_follows_the_options()
    {
        var renderer = new MarkdownRenderer(new MarkdownRendererOptions { MaxNestingDepth = 3 });

        Assert.True(renderer.Render(">>> three").Succeeded);
        Assert.Contains("4 levels deep; the limit is 3.", Refusal(renderer.Render(">>>> four")));
    }

    // ---- limits: produced HTML size ------------------------------------------------------------------------

    [Fact]
    public void Reference_link_expansion_past_the_html_limit_is_refused()
    {
        // Long addresses used 400 times: within the links limit (MaxLinksPerPost), over the HTML limit.
        var markdown = ReferenceBomb(definitions: 20, uses: 400, addressLength: 1_000);
        Assert.True(markdown.Length < 30_000, $"the source must fit the length limit, was {markdown.Length}");

        var error = Refusal(_renderer.Render(markdown));

        Assert.Equal(
            "Your post would produce more than 200,000 characters of HTML, which is more than we can display. " +
            "Shorten it, or reuse reference links less often, and try again.",
            error);
    }

    [Fact]
    public void The_same_reference_links_used_a_few_times_render()
    {
        var html = RenderOk(ReferenceBomb(definitions: 100, uses: 20));

        Assert.Equal(20, CountOf(html, "<a "));
    }

    [Fact]
    public void Html_grown_by_the_sanitizer_past_the_limit_is_refused()
    {
        // Markdig's output fits, but the rel attributes added to every link push the final HTML over the limit.
        const string link = "[a](https://e.co)";
        var markdigLength = "<p><a href=\"https://e.co\">a</a></p>\n".Length;
        var renderer = new MarkdownRenderer(new MarkdownRendererOptions { MaxHtmlLength = markdigLength + 5 });

        var error = Refusal(renderer.Render(link));

        Assert.Contains($"more than {markdigLength + 5} characters of HTML", error);
    }

    [Fact]
    public void A_post_with_nothing_to_display_is_refused()
    {
        var error = Refusal(_renderer.Render("[docs]: https://example.com/docs\n[faq]: https://example.com/faq"));

        Assert.Equal(
            "Your post has nothing to display (for example, it only defines link references). Write some text and try again.",
            error);
    }

    [Fact]
    public void Html_limit_follows_the_options()
    {
        var renderer = new MarkdownRenderer(new MarkdownRendererOptions { MaxHtmlLength = 50 });

        Assert.True(renderer.Render("short").Succeeded);
        Assert.Contains("more than 50 characters", Refusal(renderer.Render(new string('x', 60))));
    }

    // ---- limits: time budget -------------------------------------------------------------------------------

    [Fact]
    public void A_render_over_the_time_budget_is_refused()
    {
        var renderer = new MarkdownRenderer(new MarkdownRendererOptions { TimeProvider = new SteppingTimeProvider(TimeSpan.FromSeconds(3)) });

        var error = Refusal(renderer.Render("# Hello\n\nSome *text*."));

        Assert.Equal(
            "Your post took longer than 2 seconds to format. Simplify it (fewer links, less nesting, shorter tables) and try again.",
            error);
    }

    [Fact]
    public void A_render_within_the_time_budget_succeeds_with_a_stepping_clock()
    {
        var renderer = new MarkdownRenderer(new MarkdownRendererOptions
        {
            TimeProvider = new SteppingTimeProvider(TimeSpan.FromMilliseconds(1)),
        });

        Assert.True(renderer.Render("# Hello\n\nSome *text*.").Succeeded);
    }

    [Fact]
    public void A_large_realistic_post_renders_well_within_the_real_budget()
    {
        var section = "## Section\n\nSome **text** with a [link](https://example.com/a) and `code`.\n\n" +
                      "- [x] one\n- [ ] two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```js\nlet x = 1;\n```\n\n> quote\n\n";
        var builder = new StringBuilder();
        while (builder.Length + section.Length < 30_000)
            builder.Append(section);

        var html = RenderOk(builder.ToString());

        Assert.True(html.Length > 30_000);
    }

    // ---- comments ------------------------------------------------------------------------------------------

    [Fact]
    public void Comments_keep_links_inline_code_and_emphasis()
    {
        var html = RenderCommentOk("See [docs](https://example.com/docs), `dotnet test`, *this* and **that**.");

        Assert.Equal(
            "<p>See <a href=\"https://example.com/docs\" rel=\"nofollow ugc noopener\">docs</a>, <code>dotnet test</code>, " +
            "<em>this</em> and <strong>that</strong>.</p>",
            html.Trim());
    }

    [Theory]
    [InlineData("# Heading", "# Heading")]
    [InlineData("Title\n=====", "=====")]
    [InlineData("- one\n- two", "- one")]
    [InlineData("1. one", "1. one")]
    [InlineData("> quoted", "&gt; quoted")]
    [InlineData("```csharp\nvar x = 1;\n```", "var x = 1;")]
    [InlineData("| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |")]
    [InlineData("above\n\n---", "---")]
    [InlineData("![logo](https://example.com/logo.png)", "![logo](https://example.com/logo.png)")]
    [InlineData("[![logo](https://example.com/logo.png)](https://example.com)", "![logo](https://example.com/logo.png)</a>")]
    [InlineData("- [x] task", "- [x] task")]
    public void Comments_render_block_constructs_and_images_as_plain_text(string markdown, string text)
    {
        var html = RenderCommentOk(markdown);

        Assert.StartsWith("<p>", html);
        Assert.Contains(text, html);
        foreach (var tag in new[] { "<h", "<ul", "<ol", "<li", "<blockquote", "<pre", "<table", "<hr", "<img", "<input" })
            Assert.DoesNotContain(tag, html);
    }

    [Fact]
    public void Comments_escape_raw_html_and_drop_javascript_links()
    {
        var html = RenderCommentOk("<script>alert(1)</script> [x](javascript:alert(1))");

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<a", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void A_comment_over_its_length_limit_is_refused()
    {
        var error = Refusal(_renderer.RenderComment(new string('a', 601)));

        Assert.Equal("Your comment is 601 characters long; the limit is 600. Shorten it and try again.", error);
        Assert.True(_renderer.RenderComment(new string('a', 600)).Succeeded);
    }

    [Fact]
    public void An_empty_comment_is_refused()
    {
        var error = Refusal(_renderer.RenderComment("  \n "));

        Assert.Equal("Your comment is empty. Write something and try again.", error);
    }

    // ---- thread safety -------------------------------------------------------------------------------------

    [Fact]
    public void One_instance_renders_correctly_from_many_threads()
    {
        string[] inputs =
        [
            "# Title\n\n[link](https://example.com) and ![i](https://example.com/i.png)",
            "- [x] a\n- [ ] b\n\n| h |\n|---|\n| c |",
            "```py\nprint(1)\n```\n\n> quote [x](javascript:alert(1))",
            new string('>', 100) + " deep",
        ];
        var expected = inputs.Select(input => _renderer.Render(input)).ToArray();

        var results = new MarkdownRenderResult[400];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => results[i] = _renderer.Render(inputs[i % inputs.Length]));

        for (var i = 0; i < results.Length; i++)
            Assert.Equal(expected[i % inputs.Length], results[i]);
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    /// <summary>A few hundred reference definitions with long URLs and titles, then short references to them.</summary>
    private static string ReferenceBomb(int definitions, int uses, int addressLength = 60)
    {
        var builder = new StringBuilder();
        // In paragraphs of 100 uses: a paragraph of thousands of links is refused before parsing (MaxLinksPerParagraph).
        for (var i = 0; i < uses; i++)
            builder.Append("[r").Append(i % definitions).Append(i % 100 == 99 ? "]\n\n" : "] ");
        builder.Append("\n\n");
        for (var i = 0; i < definitions; i++)
            builder.Append("[r").Append(i).Append("]: https://example.com/").Append('a', addressLength).Append('/').Append(i)
                .Append(" \"").Append('t', 40).Append("\"\n");
        return builder.ToString();
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0;
             index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>A clock that moves forward by a fixed step every time it is read.</summary>
    private sealed class SteppingTimeProvider(TimeSpan step) : TimeProvider
    {
        private long _timestamp;

        public override long GetTimestamp() =>
            Interlocked.Add(ref _timestamp, (long)(step.TotalSeconds * TimestampFrequency));
    }
}
