using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;

namespace Middleware.Testing.Properties;

/// <summary>Valid documents, changed a little: members dropped, duplicated or given another type,
/// strings with odd characters, values nested deep, the text cut short. Starting from real samples
/// lets the generated inputs pass the first checks and reach the deep code of a reader.</summary>
public static class JsonMutants
{
    private enum Kind { Drop, Replace, Duplicate, OddText, ChangeType, Nest, Truncate, InsertChar }

    private readonly record struct Mutation(Kind Kind, int Pick, int Position, string Fragment);

    private static readonly Gen<Mutation> OneMutation = Gen.Select(
        Gen.Frequency((3, Gen.Const(Kind.Drop)), (3, Gen.Const(Kind.Replace)), (2, Gen.Const(Kind.Duplicate)),
            (3, Gen.Const(Kind.OddText)), (3, Gen.Const(Kind.ChangeType)), (1, Gen.Const(Kind.Nest)),
            (1, Gen.Const(Kind.Truncate)), (1, Gen.Const(Kind.InsertChar))),
        Gen.Int.NonNegative, Gen.Int.NonNegative, Gen.Frequency((4, JsonGen.Value), (2, JsonGen.AnyString)),
        (kind, pick, position, fragment) => new Mutation(kind, pick, position, fragment));

    /// <summary>One of <paramref name="samples"/> (valid JSON documents), changed by zero to five
    /// mutations; zero keeps the valid original in the mix.</summary>
    public static Gen<string> Of(params string[] samples)
    {
        foreach (var sample in samples)
            JsonNode.Parse(sample); // a sample that is not JSON is a mistake in the test, found at once
        return Gen.Select(Gen.Int[0, samples.Length - 1], OneMutation.Array[0, 5],
            (index, mutations) => Apply(samples[index], mutations));
    }

    private static string Apply(string sample, Mutation[] mutations)
    {
        var root = JsonNode.Parse(sample);
        var duplicates = new HashSet<JsonNode>(ReferenceEqualityComparer.Instance);
        var textEdits = new List<Mutation>();
        foreach (var m in mutations)
        {
            var nodes = new List<JsonNode>();
            Collect(root, nodes);
            if (m.Kind is Kind.Truncate or Kind.InsertChar)
            {
                textEdits.Add(m);
                continue;
            }
            if (nodes.Count == 0)
                continue;
            var node = nodes[m.Pick % nodes.Count];
            switch (m.Kind)
            {
                case Kind.Drop when node.Parent is JsonObject parent:
                    parent.Remove(node.GetPropertyName());
                    break;
                case Kind.Drop when node.Parent is JsonArray array:
                    array.Remove(node);
                    break;
                case Kind.Replace:
                    root = ReplaceWith(root, node, ParseOrString(m.Fragment));
                    break;
                case Kind.Duplicate when node.Parent is JsonObject:
                    duplicates.Add(node);
                    break;
                case Kind.OddText when node is JsonValue value && TryGetString(value, out var text):
                    var at = m.Position % (text.Length + 1);
                    root = ReplaceWith(root, node, JsonValue.Create(text.Insert(at, JsonGen.OddStrings[m.Position % JsonGen.OddStrings.Length])));
                    break;
                case Kind.ChangeType:
                    root = ReplaceWith(root, node, OtherType(node, m.Position));
                    break;
                case Kind.Nest:
                    var deep = node.DeepClone();
                    for (var i = 0; i < 1 + m.Position % 40; i++)
                        deep = new JsonArray(deep);
                    root = ReplaceWith(root, node, deep);
                    break;
            }
        }

        var result = Text(root, duplicates);
        foreach (var edit in textEdits)
        {
            var at = edit.Position % (result.Length + 1);
            result = edit.Kind == Kind.Truncate
                ? result[..at]
                : result.Insert(at, edit.Fragment.Length > 0 ? edit.Fragment[..1] : "\"");
        }
        return result;
    }

    private static void Collect(JsonNode? node, List<JsonNode> nodes)
    {
        if (node is null)
            return;
        nodes.Add(node);
        if (node is JsonObject o)
            foreach (var (_, child) in o)
                Collect(child, nodes);
        else if (node is JsonArray a)
            foreach (var child in a)
                Collect(child, nodes);
    }

    private static JsonNode? ReplaceWith(JsonNode? root, JsonNode node, JsonNode? replacement)
    {
        switch (node.Parent)
        {
            case JsonObject parent:
                parent[node.GetPropertyName()] = replacement;
                return root;
            case JsonArray array:
                array[node.GetElementIndex()] = replacement;
                return root;
            default:
                return replacement;
        }
    }

    private static JsonNode? ParseOrString(string fragment)
    {
        try
        {
            var node = JsonNode.Parse(fragment, documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            Collect(node, []); // objects are read lazily: duplicate names throw only now
            return node;
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            // Not JSON, a name given twice, or a lone surrogate: JsonNode cannot hold it, so it goes in as text.
            return JsonValue.Create(fragment);
        }
    }

    /// <summary>The same content as another JSON type: a string becomes a number, an object an
    /// array holding it, a number a string, and so on.</summary>
    private static JsonNode? OtherType(JsonNode node, int choice) => (choice % 6) switch
    {
        0 => null,
        1 => JsonValue.Create(Text(node, [])),
        2 => new JsonArray(node.DeepClone()),
        3 => new JsonObject { ["id"] = node.DeepClone() },
        4 => JsonValue.Create(choice % 2 == 0),
        _ => JsonNode.Parse(JsonGen.OddNumbers[choice % JsonGen.OddNumbers.Length]),
    };

    private static string Text(JsonNode? node, HashSet<JsonNode> duplicates)
    {
        var json = new StringBuilder();
        Write(node, json, duplicates);
        return json.ToString();
    }

    private static bool TryGetString(JsonValue value, out string text)
    {
        try
        {
            return value.TryGetValue(out text!);
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false; // an escaped lone surrogate: written as it came
        }
    }

    /// <summary>Writes the tree as JSON text, each member in <paramref name="duplicates"/> twice
    /// (which a <see cref="JsonObject"/> cannot hold, but a peer can send).</summary>
    private static void Write(JsonNode? node, StringBuilder json, HashSet<JsonNode> duplicates)
    {
        switch (node)
        {
            case null:
                json.Append("null");
                break;
            case JsonObject o:
                json.Append('{');
                var first = true;
                foreach (var (name, child) in o)
                {
                    for (var copies = child is not null && duplicates.Contains(child) ? 2 : 1; copies > 0; copies--)
                    {
                        if (!first)
                            json.Append(',');
                        first = false;
                        json.Append(JsonGen.Quote(name)).Append(':');
                        Write(child, json, duplicates);
                    }
                }
                json.Append('}');
                break;
            case JsonArray a:
                json.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                        json.Append(',');
                    Write(a[i], json, duplicates);
                }
                json.Append(']');
                break;
            case JsonValue v when TryGetString(v, out var s):
                json.Append(JsonGen.Quote(s));
                break;
            default:
                try
                {
                    json.Append(node.ToJsonString());
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException)
                {
                    json.Append("\"\\ud800\""); // a string with an escaped lone surrogate, which the writer refuses
                }
                break;
        }
    }
}
