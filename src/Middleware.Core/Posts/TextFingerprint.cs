using System.Globalization;
using System.Text;

namespace Middleware.Core.Posts;

/// <summary>A 64-bit SimHash of a post's text: near-duplicate texts (the same message with a word or a
/// link changed, as copy-paste campaigns post it) get fingerprints a few bits apart, different texts
/// about 32 bits apart. Computed once when a post is stored; the coordination guard compares them.</summary>
public static class TextFingerprint
{
    /// <summary>Texts shorter than this (in letters and digits) get none: short texts collide too often.</summary>
    public const int MinLetters = 40;

    /// <summary>The fingerprint, or null for a text too short to tell.</summary>
    public static ulong? Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var words = Words(text);
        if (words.Sum(w => w.Length) < MinLetters || words.Count < 3)
            return null;
        Span<int> bits = stackalloc int[64];
        // Word trigrams ("shingles"), each hashed; every bit votes.
        for (var i = 0; i + 2 < words.Count; i++)
        {
            var h = Hash(words[i], words[i + 1], words[i + 2]);
            for (var b = 0; b < 64; b++)
                bits[b] += ((h >> b) & 1) == 1 ? 1 : -1;
        }
        ulong fingerprint = 0;
        for (var b = 0; b < 64; b++)
        {
            if (bits[b] > 0)
                fingerprint |= 1UL << b;
        }
        return fingerprint;
    }

    /// <summary>Bits in which two fingerprints differ.</summary>
    public static int Distance(ulong a, ulong b) => System.Numerics.BitOperations.PopCount(a ^ b);

    /// <summary>Lower-case words of letters and digits; links and mentions count as their host or name.</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLower(c, CultureInfo.InvariantCulture));
                continue;
            }
            if (word.Length > 0)
                words.Add(word.ToString());
            word.Clear();
        }
        if (word.Length > 0)
            words.Add(word.ToString());
        return words;
    }

    /// <summary>FNV-1a over the three words, then a 64-bit mix so neighbouring bits are independent.</summary>
    private static ulong Hash(string a, string b, string c)
    {
        var h = 14695981039346656037UL;
        foreach (var w in (ReadOnlySpan<string>)[a, b, c])
        {
            foreach (var ch in w)
                h = (h ^ ch) * 1099511628211UL;
            h = (h ^ ' ') * 1099511628211UL;
        }
        h ^= h >> 33;
        h *= 0xff51afd7ed558ccdUL;
        h ^= h >> 33;
        h *= 0xc4ceb9fe1a85ec53UL;
        return h ^ (h >> 33);
    }
}
