using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Community.Web.Tests.Infrastructure;

/// <summary>Fills and submits a page's static SSR form as a browser without JavaScript would, antiforgery token included.</summary>
public static class FormPoster
{
    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url, TestContext.Current.CancellationToken);
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>Loads <paramref name="url"/>, takes the posting form that has the first of <paramref name="fields"/>, fills it and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IReadOnlyDictionary<string, string> fields)
    {
        var page = await client.GetDocumentAsync(url);
        var identifyingField = fields.Keys.First();
        var form = page.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>()
            .FirstOrDefault(f => f.Elements.OfType<IHtmlInputElement>().Any(input => input.Name == identifyingField))
            ?? throw new InvalidOperationException($"No form on {url} has a field named {identifyingField}.");
        var values = form.Elements.OfType<IHtmlInputElement>()
            .Where(input => !string.IsNullOrEmpty(input.Name) && input.Type is not ("checkbox" or "submit"))
            .ToDictionary(input => input.Name!, input => input.Value);
        foreach (var (name, value) in fields)
            values[name] = value;
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(action, new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password)
    {
        var response = await client.SubmitFormAsync("/Account/Login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Signing in as {email} did not redirect: {(int)response.StatusCode}.");
        return response;
    }
}
