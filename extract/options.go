package extract

// Option adjusts one extraction.
type Option func(*config)

type config struct {
	contentType string
	maxBytes    int64
	consume     bool
}

// DefaultMaxBytes is the largest document FromReader reads: 16 MiB. Larger
// inputs fail with ErrTooLarge rather than exhausting memory.
const DefaultMaxBytes = 16 << 20

func newConfig(opts []Option) *config {
	c := &config{maxBytes: DefaultMaxBytes}
	for _, o := range opts {
		o(c)
	}
	return c
}

// WithContentType passes the HTTP Content-Type header the document came
// with. Its charset parameter outranks any declaration inside the page.
func WithContentType(ct string) Option {
	return func(c *config) { c.contentType = ct }
}

// WithMaxBytes sets the largest input FromReader accepts (DefaultMaxBytes
// when n <= 0).
func WithMaxBytes(n int64) Option {
	return func(c *config) {
		if n > 0 {
			c.maxBytes = n
		}
	}
}

// Consume lets FromDocument take the document apart instead of working on
// a copy, which saves a deep copy of the tree. Use it when the caller has
// no further use for the tree.
func Consume() Option {
	return func(c *config) { c.consume = true }
}
