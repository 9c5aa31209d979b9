package extract

import (
	"regexp"
	"strings"
)

// tidy drops the lines readability leaves around the text: the headline
// repeated at the top, bylines, datelines, reading-time badges, share and
// ad labels, photo credits, and a trailing agency credit, which it
// returns so that it can serve as the byline.
func tidy(paras []string, a *Article) (out []string, credit string) {
	out = paras[:0:0]
	for i, p := range paras {
		if isNoiseLine(p) || isCreditLine(p) || isCaption(p) || isCookieNotice(p) {
			continue
		}
		// A "Related"/"Read more" heading starts the teasers after the
		// text: cut there when only short lines follow, else drop it.
		if i > 0 && isRelatedHeading(p) {
			if i >= len(paras)/2 && onlyShort(paras[i+1:]) {
				break
			}
			continue
		}
		if isBylineRemnant(p) {
			continue
		}
		head := len(out) == 0 || i < 4 && len(out) < 2
		if head && (sameText(p, a.Section) || i == 0 && isLabel(p) && i+1 < len(paras)) {
			// A kicker, section or place label above the text.
			continue
		}
		if head {
			if sameText(p, a.Headline) || a.Headline != "" && strings.HasPrefix(squash(p), squash(a.Headline)) && len(p) < len(a.Headline)+40 {
				continue
			}
			if isBylineLine(p, a.Byline) || isDateLine(p) || isMetaLine(p, a.Byline) {
				continue
			}
		}
		out = append(out, p)
	}
	// Trailing credits, tag lists, section names.
	for len(out) > 0 {
		last := out[len(out)-1]
		if c := agencyCredit(last); c != "" {
			if credit == "" {
				credit = c
			}
			out = out[:len(out)-1]
			continue
		}
		if isBylineLine(last, a.Byline) || isDateLine(last) || sameText(last, a.Section) || isTagLine(last, a.Tags) ||
			isAuthorBio(last, a.Byline) || isMoreLink(last) {
			out = out[:len(out)-1]
			continue
		}
		break
	}
	return out, credit
}

var (
	noiseLine = regexp.MustCompile(`(?i)^(?:` +
		`\d+\s*(?:min(?:ute)?s?|mins?\.?)(?:\s*(?:read|de lecture|lesezeit|lectura|leestijd|di lettura))?` +
		`|(?:reading time|lesezeit|temps de lecture|tiempo de lectura)\s*:?\s*\d+\s*(?:min(?:ute)?s?|min\.?)` +
		`|advertisement|advertisment|anzeige|werbung|publicité|publicidad|pubblicità|reklame|sponsored|ad|ads` +
		`|(?:skip|continue reading|story continues|article continues)(?: below)?(?: advertisement| the ad)?` +
		`|share(?: this| on)?(?: article| story| post| page)?|teilen|partager|compartir|condividi` +
		`|(?:photo|image|picture|foto|bild|credit|crédit|source|quelle)s?\s*:.{0,80}` +
		`|(?:©|\(c\)|copyright)\s.{0,100}` +
		`|(?:high|most|top) (?:views|viewed|read)` +
		`|(?:sign up|subscribe)(?: (?:now|here|today))?(?: (?:to|for) (?:our|the) .{0,60}newsletters?.{0,40})?` +
		`|(?:follow us|folgen sie uns|suivez-nous|síguenos)(?: on| auf| sur| en)?.{0,40}` +
		`|print|email|e-mail|comments?|\d+ comments?|listen(?: to (?:this )?article)?(?: \d+ min)?` +
		`|(?:read|lire|lesen sie|leer) (?:more|also|aussi|auch|más|tambien|también)\s*:?.{0,200}` +
		`|loading\.*|chargement\.*|wird geladen\.*` +
		`|(?:a version of this (?:article|story)|dieser (?:text|artikel|beitrag) (?:wurde|erschien|ist zuerst)|cet article (?:a été|est paru)|este artículo (?:fue|se publicó)).{0,250}` +
		`|support (?:independent|our|local|quality) .{0,40}(?:journalism|news|reporting)` +
		`|(?:unterstütze|unterstützen sie|soutenez|apoya|apóyanos|sostieni) .{0,60}` +
		`|(?:valora|bewerten sie|bewerte|rate|notez) (?:esta|diese[nrs]?|this|cet) .{0,30}` +
		`|(?:updated|aktualisiert|mis à jour|actualizado|aggiornato|bijgewerkt)\b.{0,40}` +
		`|(?:save for later|read later|lire plus tard|später lesen|merken|guardar|bookmark|add to (?:my )?list)` +
		`|(?:this (?:post|article|work|page|text|content) is |)licen[cs]ed under .{0,80}|(?:dieser (?:text|beitrag|artikel) (?:steht|ist) unter|lizenziert unter) .{0,80}|cc[ -]by(?:[ -](?:sa|nc|nd))*(?: \d\.\d)?` +
		`)[.!:]?$`)
)

var (
	relatedHeading = regexp.MustCompile(`(?i)^(?:` +
		`related(?: (?:articles?|stories|posts|content|news|topics|links|reading))?|read (?:more|next|also)|more (?:from|on|about|stories|news|articles|to read)(?: .{0,40})?|you (?:may|might) (?:also )?(?:like|enjoy|be interested in)|recommended(?: for you)?|also (?:read|on)|see also|further reading|most (?:read|popular|viewed)|trending(?: now)?|top stories` +
		`|(?:weitere|ähnliche|verwandte|passende) (?:artikel|beiträge|themen|meldungen|nachrichten|links)|mehr (?:zum thema|zu(?:m|r)? .{0,30}|themen|artikel|aus .{0,30}|infos?(?: für dich)?|dazu|lesen)|weitere informationen|more information|plus d'informations|noch mehr .{0,30}|schon gelesen|das könnte (?:sie|dich) (?:auch )?interessieren|auch interessant|lesen sie (?:auch|mehr)|zum thema|vorschau auf .{0,40}|empfehlungen` +
		`|(?:à|a) lire (?:aussi|également)|lire aussi|sur le même sujet|dans la même rubrique|articles? (?:similaires|liés)|nos (?:articles|lectures)` +
		`|(?:noticias|artículos|notas) relacionad[oa]s|te puede interesar|lee también|más (?:noticias|información|de .{0,30})|también te puede interesar` +
		`|potrebbe interessarti|leggi anche|articoli correlati` +
		`)\s*[:?!.…]*$`)
	creditPrefix = regexp.MustCompile(`(?i)^(?:(?:photo|foto|bild|image|picture|credit|crédit|titelbild|fotos|photos|images?) ?(?:credits?|crédits?|photos?|nachweis|quelle)?\s*:|©|\(c\)\s)`)
	creditAgency = regexp.MustCompile(`(?i)getty ?images|/ ?afp\b|\bafp ?/|/ ?reuters\b|\bap photo\b|\bdpa\b ?/|/ ?dpa\b|picture[- ]alliance|shutterstock|istock|imago|\bepa\b ?/|/ ?epa\b|keystone|bestimage|xinhua ?/`)
	consentWords = regexp.MustCompile(`(?i)\b(?:we use|this (?:site|website) uses|by (?:continuing|using)|accept|consent|agree|akzept|zustimm|einverstanden|wir verwenden|verwendet cookies|nutzung der|nous utilisons|utilise des|accepte|utilizamos|usamos|acepta|utilizziamo|accetta)`)
	cookieWords  = regexp.MustCompile(`(?i)\bcookies?\b|datenschutzerklärung|nutzung (?:der|dieser) (?:seite|website)|use of this (?:site|website)|utilisation (?:de ce|du) site`)
)

func onlyShort(paras []string) bool {
	for _, p := range paras {
		if len(p) >= 300 {
			return false
		}
	}
	return true
}

// isRelatedHeading reports the short heading of a related-content box.
func isRelatedHeading(p string) bool {
	return len(p) < 80 && relatedHeading.MatchString(p)
}

// isCreditLine reports a photo credit or caption credit line.
func isCreditLine(p string) bool {
	if len(p) >= 120 {
		return false
	}
	credit := creditPrefix.MatchString(p) || (len(p) < 60 || strings.Contains(p, "/")) && creditAgency.MatchString(p)
	if !credit {
		return false
	}
	return !strings.ContainsAny(p[min(len(p), 1):], ".!?") || len(p) < 60 && strings.Count(p, " ") < 8
}

// captionTail is the credit that ends a photo caption: "… © AFP / Marco
// Bertorello", "… (Credit: Jane Roe / Grist)", "… (Getty/Kevork Djansezian)".
var captionTail = regexp.MustCompile(`(?i)(?:(?:©|\(c\)|\bcredits?\s*:|\bfotos?\s*:|\bphotos?\s*:|\bbild\s*:|\bimage\s*:|\bquelle\s*:)\s*[^.!?©]{2,80}\)?|\((?:getty|afp|ap|reuters|dpa|epa|imago|ap photo|reuters/)[^()]{0,60}\))\s*$`)

// isCaption reports a photo caption that ends with its credit.
func isCaption(p string) bool {
	if len(p) > 300 {
		return false
	}
	if !strings.Contains(p, "©") && !strings.Contains(p, ":") && !strings.Contains(p, "(") && !strings.Contains(p, "(c)") {
		return false
	}
	return captionTail.MatchString(p)
}

// isCookieNotice reports a consent or cookie notice: a short paragraph
// that speaks of cookies or data protection and of using or accepting.
func isCookieNotice(p string) bool {
	if len(p) > 500 {
		return false
	}
	l := strings.ToLower(p)
	if !strings.Contains(l, "cookie") && !strings.Contains(l, "datenschutz") && !strings.Contains(l, "nutzung") &&
		!strings.Contains(l, "use of this") && !strings.Contains(l, "utilisation") {
		return false
	}
	return cookieWords.MatchString(p) && consentWords.MatchString(p)
}

// bylineRemnant matches what is left of a byline whose names were links
// removed with the page furniture: "By and", "Von und".
var bylineRemnant = regexp.MustCompile(`(?i)^(?:by|von|par|por|door|di|de|with|mit|avec|con|and|und|et|y|e|&|,|\s)+$`)

func isBylineRemnant(p string) bool {
	return len(p) < 30 && bylineRemnant.MatchString(p)
}

// isLabel reports a line of at most three words with no sentence
// punctuation: a kicker, a section or a place name set above the text.
func isLabel(p string) bool {
	return wordCount(p) <= 3 && len(p) < 40 && !strings.ContainsAny(p, ".!?:;,\"“”«»")
}

// isNoiseLine reports short lines that are page furniture in any article.
func isNoiseLine(p string) bool {
	if len(p) > 300 {
		return false
	}
	return noiseLine.MatchString(p)
}

// isBylineLine reports a line that is only a byline ("By Jane Doe",
// "Von Anna Beispiel, Berlin") or the extracted byline itself.
func isBylineLine(p, byline string) bool {
	if len(p) > 160 {
		return false
	}
	if byline != "" && (sameText(p, byline) || containsText(p, byline) && len(p) < len(byline)+60 && bylinePrefix.MatchString(p)) {
		return true
	}
	if !bylinePrefix.MatchString(p) {
		return false
	}
	names := cleanNames(p)
	return len(names) > 0 && len(strings.Fields(p)) <= 12 && !strings.ContainsAny(p, ".!?\"“”") ||
		len(names) > 0 && len(strings.Fields(p)) <= 8
}

// isMetaLine reports a short line that holds the byline's names and a
// date: "Tamsin Reilly Senior markets reporter Sep 2, 2024 – 4.00am".
func isMetaLine(p, byline string) bool {
	if len(p) > 200 || byline == "" || !containsText(p, strings.Split(byline, ", ")[0]) {
		return false
	}
	_, ok := findWhen(p)
	return ok
}

// isAuthorBio reports a closing note on the authors: a short paragraph
// that starts with one of the byline's names ("Jane Doe covers
// climate for the Tribune.").
func isAuthorBio(p, byline string) bool {
	if len(p) > 400 || byline == "" {
		return false
	}
	for _, name := range strings.Split(byline, ", ") {
		if wordCount(name) >= 2 && strings.HasPrefix(p, name+" ") {
			return true
		}
	}
	return false
}

// isMoreLink reports a link label with an arrow: "Normas ›", "More →".
func isMoreLink(p string) bool {
	p = strings.TrimSpace(p)
	return len(p) < 50 && (strings.HasSuffix(p, "›") || strings.HasSuffix(p, "»") || strings.HasSuffix(p, "→") || strings.HasSuffix(p, ">"))
}

// isDateLine reports a short line that is only a date, possibly with a
// label ("Published 23 July 2023", "2023-07-23 | 06:12").
func isDateLine(p string) bool {
	if len(p) > 80 {
		return false
	}
	_, ok := parseWhen(p)
	return ok
}

// isTagLine reports a line made of the article's tags.
func isTagLine(p string, tags []string) bool {
	if len(tags) == 0 || len(p) > 300 {
		return false
	}
	rest := squash(p)
	for _, t := range tags {
		rest = strings.Replace(rest, squash(t), "", 1)
	}
	return len(rest) < len(squash(p))/5
}
