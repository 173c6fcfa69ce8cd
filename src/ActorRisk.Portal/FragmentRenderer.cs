using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace ActorRisk.Portal;

/// <summary>Renders a Razor component to an HTML string, for live fragments sent over Server-Sent Events.</summary>
internal sealed class FragmentRenderer(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<string> RenderAsync<TComponent>(IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }
}
