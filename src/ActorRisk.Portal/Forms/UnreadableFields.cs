using Microsoft.AspNetCore.Components.Forms;

namespace ActorRisk.Portal.Forms;

/// <summary>
/// Fields of a posted form that the form binder could not read (letters in a number, a number too large, a choice
/// that does not exist). They are missing from the bound model, so a page says which they were instead of saving a
/// default in their place.
/// </summary>
public static class UnreadableFields
{
    public static List<string> Of(FormMappingContext? mapping, string formName) =>
        mapping?.GetAllErrors(formName).Select(e => $"{e.Path}: {string.Join(" ", e.ErrorMessages)}").ToList() ?? [];
}
