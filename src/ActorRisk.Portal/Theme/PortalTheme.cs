using MudBlazor;

namespace ActorRisk.Portal.Theme;

/// <summary>
/// The portal's light and dark palettes. Every text colour here is at least 4.5:1 against the surfaces it sits on
/// (WCAG AA), which MudBlazor's defaults are not in the dark palette; portal.css reads the same colours through
/// MudBlazor's CSS variables, so the parts of the portal that are not MudBlazor components follow the theme too.
/// </summary>
public static class PortalTheme
{
    /// <summary>The cookie that remembers a browser's choice ("dark" or "light"), read when a page is first rendered so it never flashes the other theme.</summary>
    public const string Cookie = "actorrisk.theme";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#4b44c8",
            Secondary = "#5b6478",
            Tertiary = "#1a7f37",
            Info = "#0b62b4",
            Success = "#1a7f37",
            Warning = "#8a5a00",
            Error = "#b42318",
            Dark = "#1a1f36",
            TextPrimary = "#1a1f36",
            TextSecondary = "#5b6478",
            ActionDefault = "#5b6478",
            Background = "#f6f8fa",
            Surface = "#ffffff",
            AppbarBackground = "#ffffff",
            AppbarText = "#1a1f36",
            DrawerBackground = "#ffffff",
            DrawerText = "#1a1f36",
            DrawerIcon = "#5b6478",
            LinesDefault = "#e3e8ee",
            TableLines = "#e3e8ee",
            Divider = "#e3e8ee",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#a5a1ff",
            // Text on filled buttons and chips: the light accents of the dark palette need dark text for 4.5:1.
            PrimaryContrastText = "#12141c",
            ErrorContrastText = "#12141c",
            SuccessContrastText = "#12141c",
            WarningContrastText = "#12141c",
            InfoContrastText = "#12141c",
            Secondary = "#b6bdcc",
            Tertiary = "#6fd08c",
            Info = "#7cb8f2",
            Success = "#6fd08c",
            Warning = "#f0b754",
            Error = "#ff8f86",
            Dark = "#0f1222",
            TextPrimary = "#e8eaf2",
            TextSecondary = "#b6bdcc",
            ActionDefault = "#b6bdcc",
            Background = "#12141c",
            BackgroundGray = "#1b1e29",
            Surface = "#1b1e29",
            AppbarBackground = "#1b1e29",
            AppbarText = "#e8eaf2",
            DrawerBackground = "#1b1e29",
            DrawerText = "#e8eaf2",
            DrawerIcon = "#b6bdcc",
            LinesDefault = "#343848",
            TableLines = "#343848",
            Divider = "#343848",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },

        // Buttons read as sentences, like the rest of the portal, rather than in capitals.
        Typography = new Typography { Button = new ButtonTypography { TextTransform = "none" } },
    };

    /// <summary>Line colours for approve, review, challenge and decline: at least 3:1 against the chart's surface in each theme.</summary>
    public static string[] OutcomeColours(bool dark) =>
        dark ? ["#6fd08c", "#7cb8f2", "#f0b754", "#ff8f86"] : ["#1a7f37", "#0b62b4", "#8a5a00", "#b42318"];

    /// <summary>Whether a request's theme cookie asks for the dark palette.</summary>
    public static bool IsDark(string? cookie) => string.Equals(cookie, "dark", StringComparison.Ordinal);
}
