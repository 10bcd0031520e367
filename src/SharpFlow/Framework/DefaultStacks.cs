namespace SharpFlow;

/// <summary>This thread's default graph and default session, as nested scopes.</summary>
internal static class DefaultStacks
{
    [ThreadStatic] static Graph? _globalGraph;
    [ThreadStatic] static List<object>? _stack;   // Graph or Session entries, innermost last

    static List<object> Stack => _stack ??= [];

    /// <summary>The innermost default graph, else this thread's global default graph.</summary>
    internal static Graph Graph
    {
        get
        {
            var s = Stack;
            for (int i = s.Count - 1; i >= 0; i--)
                if (s[i] is Graph g) return g;
                else if (s[i] is Session ss) return ss.graph;
            return _globalGraph ??= new Graph();
        }
    }

    /// <summary>The innermost default session, or null.</summary>
    internal static Session? Session
    {
        get
        {
            var s = Stack;
            for (int i = s.Count - 1; i >= 0; i--)
                if (s[i] is Session ss) return ss;
            return null;
        }
    }

    internal static void ResetGlobalGraph()
    {
        if (Stack.Count > 0 && Stack.Any(o => o is Graph))
            throw new AssertionError("Do not use tf.reset_default_graph() to clear nested graphs. If you need a cleared graph, exit the nesting and create a new graph.");
        _globalGraph = new Graph();
    }

    internal static IDisposable PushGraph(Graph g) => Push(g);

    internal static IDisposable PushSession(Session s) => Push(s);

    static IDisposable Push(object entry)
    {
        var s = Stack;
        s.Add(entry);
        return new Entry(s, entry);
    }

    /// <summary>Removes a session wherever it sits (sessions may close out of order).</summary>
    internal static void Remove(object entry)
    {
        var s = Stack;
        int i = s.LastIndexOf(entry);
        if (i >= 0) s.RemoveAt(i);
    }

    internal static Session SessionFor(Graph graph, string what)
    {
        var s = Session ?? throw new ValueError($"Cannot evaluate {what} using `eval()`: No default session is registered. Use `with sess.as_default()` or pass an explicit session to `eval(session=sess)`");
        if (s.graph != graph)
            throw new ValueError($"Cannot use the given session to evaluate {what}: the {what}'s graph is different from the session's graph.");
        return s;
    }

    sealed class Entry(List<object> stack, object value) : IDisposable
    {
        bool _done;
        public void Dispose()
        {
            if (_done) return;
            _done = true;
            if (stack.Count == 0 || !ReferenceEquals(stack[^1], value))
            {
                // Scopes must nest; restore as far as possible, then report.
                stack.Remove(value);
                if (value is Graph) throw new AssertionError("Nesting violated for default stack of Graph objects");
                return;
            }
            stack.RemoveAt(stack.Count - 1);
        }
    }
}

/// <summary>An internal invariant of the caller's code was broken (Python's <c>AssertionError</c>).</summary>
public class AssertionError(string message) : Exception(message);
