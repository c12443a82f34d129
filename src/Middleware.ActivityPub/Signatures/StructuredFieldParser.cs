namespace Middleware.ActivityPub.Signatures;

/// <summary>Thrown when a header is not a valid RFC 8941 structured field.</summary>
internal sealed class StructuredFieldException(string message) : FormatException(message);

/// <summary>An RFC 8941 dictionary parser (the algorithms of its section 4.2), small and strict.</summary>
internal sealed partial class StructuredFieldParser
{
    private readonly string _input;
    private int _position;

    private StructuredFieldParser(string input) => _input = input;

    /// <summary>Parses a dictionary field; later duplicate keys override earlier ones, as the RFC says.</summary>
    public static IReadOnlyList<KeyValuePair<string, SfMember>> ParseDictionary(string field)
    {
        var parser = new StructuredFieldParser(field.Trim(' ', '\t'));
        var members = new List<KeyValuePair<string, SfMember>>();
        while (!parser.AtEnd)
        {
            var key = parser.ReadKey();
            SfMember member;
            if (parser.Peek == '=')
            {
                parser._position++;
                member = parser.Peek == '(' ? parser.ReadInnerList() : parser.ReadItem();
            }
            else
            {
                member = new SfItem(true, parser.ReadParameters());
            }

            members.RemoveAll(m => m.Key == key);
            members.Add(new(key, member));
            parser.SkipWhitespace();
            if (parser.AtEnd)
            {
                break;
            }

            parser.Expect(',');
            parser.SkipWhitespace();
            if (parser.AtEnd)
            {
                throw new StructuredFieldException("Trailing comma in dictionary");
            }
        }

        return members;
    }

    private bool AtEnd => _position >= _input.Length;

    private char Peek => AtEnd ? '\0' : _input[_position];

    private void Expect(char expected)
    {
        if (Peek != expected)
        {
            throw new StructuredFieldException($"Expected '{expected}' at position {_position}");
        }

        _position++;
    }

    private void SkipWhitespace()
    {
        while (Peek is ' ' or '\t')
        {
            _position++;
        }
    }

    private void SkipSpaces()
    {
        while (Peek == ' ')
        {
            _position++;
        }
    }

    private SfInnerList ReadInnerList()
    {
        Expect('(');
        var items = new List<SfItem>();
        while (true)
        {
            SkipSpaces();
            if (Peek == ')')
            {
                _position++;
                return new SfInnerList(items, ReadParameters());
            }

            items.Add(ReadItem());
            if (Peek is not (' ' or ')'))
            {
                throw new StructuredFieldException($"Unexpected character in inner list at position {_position}");
            }
        }
    }

    private SfItem ReadItem() => new(ReadBareItem(), ReadParameters());

    private List<KeyValuePair<string, object>> ReadParameters()
    {
        var parameters = new List<KeyValuePair<string, object>>();
        while (Peek == ';')
        {
            _position++;
            SkipSpaces();
            var key = ReadKey();
            object value = true;
            if (Peek == '=')
            {
                _position++;
                value = ReadBareItem();
            }

            parameters.RemoveAll(p => p.Key == key);
            parameters.Add(new(key, value));
        }

        return parameters;
    }

    private string ReadKey()
    {
        var start = _position;
        if (!(char.IsAsciiLetterLower(Peek) || Peek == '*'))
        {
            throw new StructuredFieldException($"Invalid key at position {_position}");
        }

        while (char.IsAsciiLetterLower(Peek) || char.IsAsciiDigit(Peek) || Peek is '_' or '-' or '.' or '*')
        {
            _position++;
        }

        return _input[start.._position];
    }
}
