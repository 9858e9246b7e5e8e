package io.webchat.loadtest.report;

import java.util.List;
import java.util.Locale;

/**
 * A line chart as SVG, small enough to read: linear x (offered rate), logarithmic y (latency in
 * ms, because the floor is sub-millisecond and the targets are tens of milliseconds).
 */
public final class SvgChart {

	private static final int WIDTH = 760;

	private static final int HEIGHT = 440;

	private static final int LEFT = 92;

	private static final int RIGHT = 190;

	private static final int TOP = 40;

	private static final int BOTTOM = 50;

	/** One line; {@code dashed} for the raw Redis floor. */
	public record Series(String name, String color, boolean dashed, List<Point> points) {
	}

	public record Point(double x, double y) {
	}

	/** A horizontal line across the plot, e.g. a target. */
	public record Reference(String label, double y) {
	}

	private SvgChart() {
	}

	public static String render(String title, String xLabel, String yLabel, List<Series> series,
			List<Reference> references) {
		double maxX = series.stream().flatMap((s) -> s.points().stream()).mapToDouble(Point::x).max().orElse(1);
		double minY = series.stream()
			.flatMap((s) -> s.points().stream())
			.mapToDouble(Point::y)
			.filter((y) -> y > 0)
			.min()
			.orElse(0.1);
		double maxY = Math.max(series.stream().flatMap((s) -> s.points().stream()).mapToDouble(Point::y).max().orElse(1),
				references.stream().mapToDouble(Reference::y).max().orElse(1));
		int lowDecade = (int) Math.floor(Math.log10(minY));
		int highDecade = (int) Math.ceil(Math.log10(maxY));
		if (highDecade == lowDecade) {
			highDecade++;
		}
		double xMax = niceCeiling(maxX * 1.05);
		Plot plot = new Plot(xMax, lowDecade, highDecade);

		StringBuilder svg = new StringBuilder();
		svg.append(String.format(Locale.ROOT,
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
				WIDTH, HEIGHT, WIDTH, HEIGHT));
		svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
		svg.append(text(WIDTH / 2.0 - RIGHT / 2.0, 22, title, "middle", 15));
		for (int decade = lowDecade; decade <= highDecade; decade++) {
			double y = plot.y(Math.pow(10, decade));
			svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#ddd", false));
			svg.append(text(LEFT - 8, y + 4, formatMillis(Math.pow(10, decade)), "end", 12));
		}
		for (int i = 0; i <= 5; i++) {
			double value = xMax * i / 5;
			double x = plot.x(value);
			svg.append(line(x, TOP, x, HEIGHT - BOTTOM, "#eee", false));
			svg.append(text(x, HEIGHT - BOTTOM + 18, String.format(Locale.ROOT, "%,.0f", value), "middle", 12));
		}
		svg.append(line(LEFT, HEIGHT - BOTTOM, WIDTH - RIGHT, HEIGHT - BOTTOM, "#333", false));
		svg.append(line(LEFT, TOP, LEFT, HEIGHT - BOTTOM, "#333", false));
		svg.append(text((LEFT + WIDTH - RIGHT) / 2.0, HEIGHT - 12, xLabel, "middle", 13));
		svg.append(String.format(Locale.ROOT,
				"<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"13\" transform=\"rotate(-90 16 %.1f)\">%s</text>%n",
				(TOP + HEIGHT - BOTTOM) / 2.0, (TOP + HEIGHT - BOTTOM) / 2.0, escape(yLabel)));
		for (Reference reference : references) {
			double y = plot.y(reference.y());
			svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#c0392b", true));
			svg.append(text(WIDTH - RIGHT - 4, y - 4, reference.label(), "end", 11));
		}
		int legendY = TOP + 10;
		for (Series s : series) {
			StringBuilder path = new StringBuilder();
			for (Point point : s.points()) {
				if (point.y() <= 0) {
					continue;
				}
				path.append((path.isEmpty()) ? "M" : " L")
					.append(String.format(Locale.ROOT, "%.1f %.1f", plot.x(point.x()), plot.y(point.y())));
			}
			svg.append(String.format(Locale.ROOT,
					"<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n", path, s.color(),
					s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
			for (Point point : s.points()) {
				if (point.y() > 0) {
					svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>%n",
							plot.x(point.x()), plot.y(point.y()), s.color()));
				}
			}
			svg.append(line(WIDTH - RIGHT + 15, legendY, WIDTH - RIGHT + 45, legendY, s.color(), s.dashed()));
			svg.append(text(WIDTH - RIGHT + 52, legendY + 4, s.name(), "start", 12));
			legendY += 20;
		}
		svg.append("</svg>\n");
		return svg.toString();
	}

	private record Plot(double xMax, int lowDecade, int highDecade) {

		double x(double value) {
			return LEFT + value / this.xMax * (WIDTH - LEFT - RIGHT);
		}

		double y(double value) {
			double position = (Math.log10(value) - this.lowDecade) / (this.highDecade - this.lowDecade);
			return HEIGHT - BOTTOM - position * (HEIGHT - TOP - BOTTOM);
		}

	}

	static double niceCeiling(double value) {
		double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
		for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
			if (step * magnitude >= value) {
				return step * magnitude;
			}
		}
		return 10 * magnitude;
	}

	private static String formatMillis(double millis) {
		return (millis >= 1) ? String.format(Locale.ROOT, "%,.0f ms", millis)
				: String.format(Locale.ROOT, "%s ms", Double.toString(millis));
	}

	private static String line(double x1, double y1, double x2, double y2, String color, boolean dashed) {
		return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>%n", x1,
				y1, x2, y2, color, dashed ? " stroke-dasharray=\"4 3\"" : "");
	}

	private static String text(double x, double y, String content, String anchor, int size) {
		return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
				x, y, anchor, size, escape(content));
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}
}
