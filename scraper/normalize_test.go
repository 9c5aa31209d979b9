package scraper

import "testing"

func TestNormalize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
	}{
		{"HTTP://News.Example.COM/World/Story", "http://news.example.com/World/Story"},
		{"https://news.example:443/a", "https://news.example/a"},
		{"http://news.example:80/a", "http://news.example/a"},
		{"http://news.example:8080/a", "http://news.example:8080/a"},
		{"https://news.example", "https://news.example/"},
		{"https://news.example./a", "https://news.example/a"},
		{"https://news.example/a#comments", "https://news.example/a"},
		{"https://news.example/a?utm_source=x&utm_medium=y&id=3", "https://news.example/a?id=3"},
		{"https://news.example/a?fbclid=IwAR&gclid=1&msclkid=2&mc_cid=3", "https://news.example/a"},
		{"https://news.example/a?UTM_Campaign=z&page=2", "https://news.example/a?page=2"},
		{"https://news.example/a?b=2&a=1&b=1", "https://news.example/a?a=1&b=2&b=1"},
		{"https://news.example/a?", "https://news.example/a"},
		{"https://news.example/a/./b/../c", "https://news.example/a/c"},
		{"https://user:pw@news.example/a", "https://news.example/a"},
		{"https://news.example/caf%C3%A9", "https://news.example/caf%C3%A9"},
		{"https://[::1]:443/a", "https://[::1]/a"},
	}
	for _, tt := range tests {
		got, err := Normalize(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("Normalize(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	for _, bad := range []string{"ftp://news.example/a", "mailto:a@b.c", "/relative", "https://"} {
		if got, err := Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) = %q, want an error", bad, got)
		}
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	base := mustURL(t, "https://news.example/world/page/2")
	tests := []struct{ ref, want string }{
		{"/world/2024/03/01/story", "https://news.example/world/2024/03/01/story"},
		{"../2024/story?utm_source=rss", "https://news.example/world/2024/story"},
		{"//Other.Example/x", "https://other.example/x"},
		{"#top", ""},
		{"javascript:void(0)", ""},
		{"mailto:news@news.example", ""},
		{"tel:+100", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := resolve(base, tt.ref); got != tt.want {
			t.Errorf("resolve(%q) = %q, want %q", tt.ref, got, tt.want)
		}
	}
}
