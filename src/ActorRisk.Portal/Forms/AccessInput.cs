using Microsoft.AspNetCore.Components;

namespace ActorRisk.Portal.Forms;

/// <summary>
/// What an administrator typed into one of the access page's forms: a user or key name, the roles ticked, a password
/// and its confirmation, the state chosen, and the reason. <see cref="Api.Access.AccessOperations"/> judges all of it.
/// </summary>
public sealed class AccessInput
{
    private readonly SortedSet<string> roles = new(StringComparer.Ordinal);

    /// <summary>A user name, or a key name on the key forms.</summary>
    public string? Name { get; set; }

    public IReadOnlyCollection<string> Roles => roles;

    public string? Password { get; set; }

    public string? Confirmation { get; set; }

    /// <summary>"disabled" or "enabled", as the state form's select offers them.</summary>
    public string State { get; set; } = "disabled";

    public string? Reason { get; set; }

    public bool Has(string role) => roles.Contains(role);

    /// <summary>A role's checkbox changed.</summary>
    public void Toggle(string role, ChangeEventArgs change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Value is true || (change.Value is string text && bool.TryParse(text, out var on) && on))
        {
            roles.Add(role);
        }
        else
        {
            roles.Remove(role);
        }
    }

    public void SetRoles(IEnumerable<string> chosen)
    {
        roles.Clear();
        roles.UnionWith(chosen);
    }

    /// <summary>
    /// Keeps <see cref="Name"/> when it is still one of <paramref name="options"/>, otherwise takes the first: a select
    /// shows its first option until someone picks another, and the form must hold what the screen shows.
    /// </summary>
    public void Choose(IEnumerable<string> options, StringComparer comparer)
    {
        ArgumentNullException.ThrowIfNull(options);
        var choices = options.ToList();
        if (Name is null || !choices.Contains(Name, comparer))
        {
            Name = choices.FirstOrDefault();
        }
    }
}
